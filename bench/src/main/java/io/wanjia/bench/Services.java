package io.wanjia.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The four packaged services started for the bench the way {@code ./platform up} starts them ({@code tools/service-java}:
 * the same jars, JVM, options and AOT cache), on their own ports, databases ({@code wanjia_*_bench}) and topic prefix,
 * so nothing the bench does touches a running platform or the tests.
 */
final class Services implements AutoCloseable {

    static final List<String> NAMES = List.of("household-service", "placement-service", "deadline-monitor", "reporting-service");
    /** Each service's database, by service name. */
    static final Map<String, String> DATABASES = Map.of("household-service", "household", "placement-service",
            "placement", "deadline-monitor", "deadline", "reporting-service", "reporting");
    private static final Pattern STARTED = Pattern.compile("started in (\\d+\\.\\d+)s");

    /** A started service: where it listens, how long it took and from which AOT cache state (tools/service-java). */
    record Started(String name, int port, Process process, double wallSeconds, double quarkusSeconds, String aotCache) {
        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }
    }

    private final BenchConfig config;
    private final Map<String, Started> started = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Services(BenchConfig config) {
        this.config = config;
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "stop-services")); // Ctrl-C stops them too
    }

    /**
     * Starts the services one after the other, so that each start time is the service's own; then the further instances
     * of {@code --instances} ({@code household-service#2}, …: the same database, topics and consumer groups).
     */
    void startAll() throws Exception {
        for (int i = 0; i < NAMES.size(); i++) {
            start(NAMES.get(i), config.firstPort() + i, NAMES.get(i));
        }
        for (int i = 2; i <= config.instances(); i++) {
            start(config.scaled(), config.firstPort() + NAMES.size() + i - 2, config.scaled() + "#" + i);
        }
    }

    Started get(String name) {
        return started.get(name);
    }

    Map<String, Started> all() {
        return started;
    }

    /** Resident set size of a service's JVM now, in MB. */
    double rssMegabytes(String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + started.get(name).process().pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for " + name);
    }

    private void start(String name, int port, String instance) throws Exception {
        Path log = config.logs().resolve(instance + ".log");
        String launcher = config.root().resolve("tools/service-java").toString();
        String aotCache = Commands.run(config, Map.of(), launcher, "--cache", name).trim();
        ProcessBuilder builder = new ProcessBuilder(launcher, name, "-Dwanjia.home=" + config.root())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", config.jdbcUrl(DATABASES.get(name)));
        env.put("WANJIA_DB_USER", "wanjia_" + DATABASES.get(name));
        env.put("WANJIA_TOPIC_PREFIX", config.topicPrefix());
        // The city-wide identity claims too: unprefixed, every run's household-service read every earlier run's claims (and
        // those of ./platform up's imports) from the start of the shared topic while the run was being measured, and left its
        // own there. The run's claims topic goes with its other topics at the end. A deployment on a city's topic needs a name.
        env.put("WANJIA_CITY_TOPIC_PREFIX", config.topicPrefix());
        if (name.equals("household-service")) {
            env.put("WANJIA_DEPLOYMENT_AREA", "21"); // the province the bench's households are in: it narrows nothing
        }
        env.put("WANJIA_HOUSEHOLD_NATIONAL_ID_ENCRYPTION_KEY", config.key("national-id-encryption.key"));
        env.put("WANJIA_HOUSEHOLD_NATIONAL_ID_HASH_KEY", config.key("national-id-hash.key"));
        env.put("WANJIA_DEADLINE_WEBHOOK_SECRET_KEY", config.key("webhook-secret.key"));
        long begin = System.nanoTime();
        Process process = builder.start();
        String ready = "http://127.0.0.1:" + port + "/q/health/ready";
        long deadline = begin + Duration.ofSeconds(120).toNanos();
        while (!isUp(ready)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not become ready; read " + log);
            }
            Thread.sleep(20);
        }
        double wall = (System.nanoTime() - begin) / 1e9;
        Matcher quarkus = STARTED.matcher(Files.readString(log));
        started.put(instance, new Started(instance, port, process, wall, quarkus.find() ? Double.parseDouble(quarkus.group(1)) : Double.NaN,
                aotCache));
    }

    private boolean isUp(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        started.values().forEach(s -> s.process().destroy());
        for (Started s : started.values()) {
            try {
                if (!s.process().waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    s.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
