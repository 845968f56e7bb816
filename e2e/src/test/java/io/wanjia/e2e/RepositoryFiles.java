package io.wanjia.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the repository's own files (service settings, YAML) for the tests that check deployment files. */
final class RepositoryFiles {

    static final Path ROOT = Path.of(System.getProperty("wanjia.home", ".."));
    static final List<String> SERVICES = List.of("household-service", "placement-service", "deadline-monitor",
            "reporting-service");
    private static final Pattern DEFAULT = Pattern.compile("\\$\\{[A-Za-z_.-]+:([^}]*)}");

    private RepositoryFiles() {
    }

    /** A service's application.properties. */
    static Properties serviceConfig(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(service + "/src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    /** {@code value} with every {@code ${name:default}} replaced by its default. */
    static String resolveDefaults(String value) {
        return resolve(value, Map.of());
    }

    /** {@code value} with {@code ${name:default}} replaced by {@code values.get(name)}, else by the default. */
    static String resolve(String value, Map<String, String> values) {
        Matcher matcher = DEFAULT.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group().substring(2, matcher.group().indexOf(':'));
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(values.getOrDefault(name, matcher.group(1))));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    /** Runs a command in the repository root; returns its output, failing the test unless it exits 0. */
    static String run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("%s exit code; output:%n%s", String.join(" ", command), output).isZero();
        return output;
    }
}
