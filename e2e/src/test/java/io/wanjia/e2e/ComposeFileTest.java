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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.wanjia.contracts.Topics;

/**
 * No Docker engine runs on the build machines, so docker-compose.yml is checked against the services' own
 * configuration: every service present, its port, its database and role, and the topics of the contracts.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of(System.getProperty("wanjia.home", ".."));
    private static final Pattern DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:([^}]+)}");

    @ParameterizedTest
    @ValueSource(strings = {"household-service", "placement-service", "deadline-monitor", "reporting-service"})
    void shouldRunEachServiceOnItsOwnPortAndDatabase(String service) throws IOException {
        Properties config = serviceConfig(service);
        Map<String, Object> compose = service(service);
        Map<String, Object> env = map(compose.get("environment"));
        String port = config.getProperty("quarkus.http.port");
        String database = lastPathSegment(resolveDefaults(config.getProperty("quarkus.datasource.jdbc.url")));

        assertThat(list(compose.get("ports"))).contains(port + ":" + port);
        assertThat(env.get("QUARKUS_HTTP_PORT")).hasToString(port);
        assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL")).hasToString("jdbc:postgresql://postgres:5432/" + database);
        assertThat(env.get("WANJIA_DB_USER")).hasToString(resolveDefaults(config.getProperty("quarkus.datasource.username")));
        assertThat(map(compose.get("healthcheck")).get("test").toString()).contains(":" + port + "/q/health/ready");
        assertThat(map(map(compose.get("build")).get("args")).get("SERVICE")).isEqualTo(service);
        assertThat(Files.readString(ROOT.resolve("docker/postgres-init.sql")))
                .contains("CREATE DATABASE " + database + " OWNER " + env.get("WANJIA_DB_USER"));
    }

    @Test
    void shouldGiveEveryServiceTheSharedSettingsByTheirConfigNames() throws IOException {
        String shared = Files.readString(ROOT.resolve("commons/src/main/resources/META-INF/microprofile-config.properties"));
        Map<String, Object> anchor = map(compose().get("x-service-env"));

        assertThat(anchor).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "WANJIA_DB_HOST", "MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        for (String variable : anchor.keySet()) {
            String property = variable.toLowerCase().replace('_', '.');
            boolean known = shared.contains(property + "=") || shared.contains("${" + variable + ":")
                    || serviceConfigText().contains("${" + variable + ":");
            assertThat(known).as("%s maps to a setting the services read", variable).isTrue();
        }
    }

    @Test
    void shouldGiveHouseholdServiceItsNationalIdKeysFromTheEnvironment() throws IOException {
        Map<String, Object> env = map(service("household-service").get("environment"));
        String config = Files.readString(ROOT.resolve("household-service/src/main/resources/application.properties"));

        for (String variable : List.of("WANJIA_HOUSEHOLD_NATIONAL_ID_ENCRYPTION_KEY", "WANJIA_HOUSEHOLD_NATIONAL_ID_HASH_KEY")) {
            assertThat(config).contains("${" + variable + "}");
            assertThat(env.get(variable)).asString().startsWith("${" + variable + ":?");
        }
    }

    @Test
    void shouldCreateEveryTopicOfTheContractsWithItsDeadLetterTwin() throws IOException {
        String command = list(service("topics").get("command")).get(0).toString();
        for (String topic : List.of(Topics.LABOUR_STATUS_REPORTS, Topics.HOUSEHOLD_EVENTS, Topics.PLACEMENT_EVENTS,
                Topics.ESCALATION_EVENTS)) {
            assertThat(command).contains(topic);
        }
        assertThat(command).contains("$$t.dlq").contains("--partitions 6");
    }

    private static Map<String, Object> compose() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            return new Yaml().load(reader);
        }
    }

    private static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        assertThat(services).as("docker-compose services").containsKey(name);
        return map(services.get(name));
    }

    private static Properties serviceConfig(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(service + "/src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    private static String serviceConfigText() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String service : List.of("household-service", "placement-service", "deadline-monitor", "reporting-service")) {
            all.append(Files.readString(ROOT.resolve(service + "/src/main/resources/application.properties")));
        }
        return all.toString();
    }

    private static String resolveDefaults(String value) {
        Matcher matcher = DEFAULT.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(matcher.group(1)));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    private static String lastPathSegment(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
