package io.wanjia.e2e;

import static io.wanjia.e2e.RepositoryFiles.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.ToolProvider;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools/service-java}, the one way packaged services are started, against a real JDK 25: it records an AOT cache
 * while a service runs and is stopped, starts the service from that cache (its classes come from the cache, not from
 * its jars), and starts without it once the jars are newer. The launcher runs from a copy of {@code tools/} beside a
 * tiny packaged application of its own, so the repository's real caches are left alone.
 */
class ServiceJavaTest {

    private static final String SERVICE = "tiny-service";
    private static final String ONCE = "-Dtiny.once=true";
    /** What {@code -XX:+PrintFlagsFinal} prints when the AOT cache holds no adapters (the launcher's choice on JDK 25). */
    private static final String ADAPTERS_LEFT_OUT = "bool AOTAdapterCaching\\s+= false";

    @TempDir
    Path root;

    private Path app;

    @BeforeEach
    void packageTinyService() throws Exception {
        Files.createDirectories(root.resolve("tools"));
        for (String file : List.of("service-java", "service-jvm.options")) {
            Files.copy(ROOT.resolve("tools").resolve(file), root.resolve("tools").resolve(file));
        }
        root.resolve("tools/service-java").toFile().setExecutable(true);
        app = Files.createDirectories(root.resolve(SERVICE + "/target/quarkus-app"));
        Path source = Files.createDirectories(root.resolve("src/tiny")).resolve("Main.java");
        // Says it is ready, then blocks until it is stopped (as a service does) unless told to end at once (-Dtiny.once).
        Files.writeString(source, """
                package tiny;
                public class Main {
                    public static void main(String[] args) throws Exception {
                        System.out.println("ready " + new java.util.TreeMap<>(java.util.Map.of("a", 1)));
                        if (!Boolean.getBoolean("tiny.once")) new java.util.concurrent.CountDownLatch(1).await();
                    }
                }
                """);
        Path classes = Files.createDirectories(root.resolve("classes"));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d", classes.toString(),
                source.toString())).as("javac").isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "tiny.Main");
        try (OutputStream out = Files.newOutputStream(app.resolve("quarkus-run.jar"));
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("tiny/Main.class"));
            jar.write(Files.readAllBytes(classes.resolve("tiny/Main.class")));
            jar.closeEntry();
        }
        assumeThat(launcher("--cache", SERVICE).output()).as("a JDK 25 under JAVA_HOME or /usr/lib/jvm (this machine's kind has one),"
                + " and WANJIA_AOT_CACHE not off").isNotIn("unsupported", "off");
    }

    @Test
    void shouldRecordTheCacheWhenTheServiceIsStoppedAndStartTheServiceFromIt() throws Exception {
        assertThat(launcher("--cache", SERVICE).output()).isEqualTo("none");
        assertThat(startedClassSource()).as("without a cache the class comes from its jar").contains("source: file:");

        Process recording = start("--record", SERVICE, "-XX:+PrintFlagsFinal");
        Path log = root.resolve("recording.log");
        Awaitility.await("the recording service is up").atMost(Duration.ofSeconds(60))
                .until(() -> Files.readString(log).contains("ready"));
        assertThat(app.resolve("app.aot")).as("written only once the recording is complete").doesNotExist();
        recording.destroy(); // SIGTERM, as ./platform stops it
        assertThat(recording.waitFor(120, TimeUnit.SECONDS)).as("the recording ends once the cache is assembled").isTrue();
        assertThat(recording.exitValue()).as(Files.readString(log)).isZero();

        assertThat(app.resolve("app.aot")).isNotEmptyFile();
        assertThat(launcher("--cache", SERVICE).output()).isEqualTo("fresh");
        assertThat(startedClassSource()).as("the service's own class comes from the AOT cache")
                .contains("source: shared objects file");
        // JDK 25's cached adapters failed to link, and a service crashed where adapters are linked (tools/service-java).
        assertThat(Files.readString(log)).as("the recording leaves the adapters out").containsPattern(ADAPTERS_LEFT_OUT);
        Result run = launcher(SERVICE, "-XX:+PrintFlagsFinal", ONCE);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).as("the adapters are made at run time, not taken from the cache").containsPattern(ADAPTERS_LEFT_OUT);
    }

    @Test
    void shouldStartWithoutTheCacheOnceTheJarsAreNewerThanIt() throws Exception {
        Process recording = start("--record", SERVICE, ONCE);
        assertThat(recording.waitFor(120, TimeUnit.SECONDS)).as("a service that ends by itself leaves its cache too").isTrue();
        assertThat(recording.exitValue()).as(Files.readString(root.resolve("recording.log"))).isZero();
        assertThat(launcher("--cache", SERVICE).output()).isEqualTo("fresh");

        Files.setLastModifiedTime(app.resolve("quarkus-run.jar"), FileTime.from(Instant.now().plusSeconds(5))); // rebuilt
        assertThat(launcher("--cache", SERVICE).output()).isEqualTo("stale");
        Result run = launcher(SERVICE, "-Xlog:class+load=info", ONCE);
        assertThat(run.output()).as("a stale cache is not handed to the JVM (it would warn and ignore it)")
                .doesNotContain("AOT cache").contains("tiny.Main source: file:");
    }

    /** Where the JVM the launcher starts now loads the service's main class from. */
    private String startedClassSource() throws Exception {
        Result run = launcher(SERVICE, "-Xlog:class+load=info", ONCE);
        assertThat(run.exit()).as(run.output()).isZero();
        return run.output().lines().filter(line -> line.contains("tiny.Main source:")).findFirst().orElse(run.output());
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(root.resolve("tools/service-java").toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(root.resolve("recording.log").toFile()).start();
    }

    record Result(int exit, String output) {
    }

    private Result launcher(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("tools/service-java").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
