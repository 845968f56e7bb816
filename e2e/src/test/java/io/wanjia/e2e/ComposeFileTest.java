package io.wanjia.e2e;

import static io.wanjia.e2e.RepositoryFiles.ROOT;
import static io.wanjia.e2e.RepositoryFiles.list;
import static io.wanjia.e2e.RepositoryFiles.map;
import static io.wanjia.e2e.RepositoryFiles.resolveDefaults;
import static io.wanjia.e2e.RepositoryFiles.serviceConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import io.wanjia.contracts.Topics;

/**
 * No Docker engine runs on the build machines, so docker-compose.yml is validated by docker-compose itself and
 * checked against the services' own configuration: every service present, its port, its database and role,
 * the topics of the contracts, the Keycloak realm that signs its tokens, and the console signing in at that realm and
 * forwarding to the services.
 */
class ComposeFileTest {


    private static final Map<String, String> REQUIRED = Map.of(
            "WANJIA_HOUSEHOLD_NATIONAL_ID_ENCRYPTION_KEY", "a2V5", "WANJIA_HOUSEHOLD_NATIONAL_ID_HASH_KEY", "a2V5",
            "WANJIA_DEADLINE_WEBHOOK_SECRET_KEY", "a2V5", "WANJIA_LABOUR_BUREAU_SECRET", "s3cret",
            "WANJIA_CONSOLE_SECRET", "a-session-secret-of-32-characters");

    @Test
    void shouldBeAValidComposeFileForDockerCompose() throws Exception {
        String config = RepositoryFiles.run(REQUIRED, "docker-compose", "-f", "docker-compose.yml", "config");
        Map<String, Object> services = map(((Map<?, ?>) new Yaml().load(config)).get("services"));

        assertThat(services).containsKeys("postgres", "kafka", "topics", "keycloak");
        assertThat(services).containsKeys(RepositoryFiles.SERVICES.toArray(String[]::new));
        assertThat(services).containsKey(KubernetesOverlaysTest.CONSOLE);
        assertThat(map(map(services.get("household-service")).get("environment")))
                .containsEntry("WANJIA_HOUSEHOLD_NATIONAL_ID_HASH_KEY", "a2V5");
        assertThat(map(map(services.get(KubernetesOverlaysTest.CONSOLE)).get("environment")))
                .containsEntry("WANJIA_CONSOLE_SECRET", REQUIRED.get("WANJIA_CONSOLE_SECRET"));
    }

    @Test
    void shouldRefuseToStartWithoutTheSecretsItNeeds() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config", "-q")
                .directory(ROOT.toFile()).redirectErrorStream(true);
        REQUIRED.keySet().forEach(builder.environment()::remove);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor()).isNotZero();
        assertThat(output).contains("set the");
    }

    @Test
    void shouldVerifyTokensWithTheKeycloakRealmItImports() throws IOException {
        Map<String, Object> keycloak = service("keycloak");
        Map<String, Object> env = map(compose().get("x-service-env"));

        assertThat(list(keycloak.get("volumes"))).contains("./deploy/keycloak:/opt/keycloak/data/import:ro");
        assertThat(list(keycloak.get("command"))).contains("--import-realm");
        assertThat(env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION").toString())
                .isEqualTo("http://keycloak:8180/realms/" + KeycloakRealmTest.realm().get("realm") + "/protocol/openid-connect/certs");
        assertThat(env.get("MP_JWT_VERIFY_ISSUER").toString())
                .isEqualTo(map(keycloak.get("environment")).get("KC_HOSTNAME") + "/realms/wanjia");
    }

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
    void shouldBuildTheConsoleLikeTheServicesAndForwardToThem() throws Exception {
        Properties config = serviceConfig(KubernetesOverlaysTest.CONSOLE);
        Map<String, Object> console = service(KubernetesOverlaysTest.CONSOLE);
        Map<String, Object> env = map(console.get("environment"));
        String port = config.getProperty("quarkus.http.port");

        assertThat(map(console.get("build"))).containsEntry("context", ".").containsEntry("dockerfile", "docker/service.Dockerfile");
        assertThat(map(map(console.get("build")).get("args")).get("SERVICE")).isEqualTo(KubernetesOverlaysTest.CONSOLE);
        assertThat(Files.isDirectory(ROOT.resolve(KubernetesOverlaysTest.CONSOLE))).as("SERVICE names a module").isTrue();
        assertThat(list(console.get("ports"))).contains(port + ":" + port);
        assertThat(map(console.get("healthcheck")).get("test").toString()).contains(":" + port + "/q/health/ready");
        String secret = KubernetesOverlaysTest.variableOf(config, "quarkus.oidc.token-state-manager.encryption-secret");
        assertThat(env.get(secret)).asString().startsWith("${" + secret + ":?");
        for (KubernetesOverlaysTest.ConsoleForward forward : KubernetesOverlaysTest.consoleForwards()) {
            Map<String, Object> target = service(forward.service());
            assertThat(map(target.get("environment")).get("QUARKUS_HTTP_PORT")).as(forward.service()).hasToString(String.valueOf(forward.port()));
            assertThat(env.get(forward.variable())).as(forward.variable())
                    .hasToString("http://" + forward.service() + ":" + forward.port());
        }
    }

    @Test
    void shouldSignStaffInAtTheRealmWithTheIssuerTheServicesVerify() throws Exception {
        Properties config = serviceConfig(KubernetesOverlaysTest.CONSOLE);
        Map<String, Object> console = service(KubernetesOverlaysTest.CONSOLE);
        Map<String, Object> keycloak = service("keycloak");
        Map<String, Object> keycloakEnv = map(keycloak.get("environment"));
        Map<String, Object> services = map(compose().get("x-service-env"));
        URI realm = URI.create(map(console.get("environment")).get(KubernetesOverlaysTest.variableOf(config, "quarkus.oidc.auth-server-url")).toString());
        URI keySet = URI.create(services.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION").toString());

        // The console calls the realm where the services fetch its keys: keycloak:8180, inside the compose network...
        assertThat(realm.getHost()).isEqualTo("keycloak").isEqualTo(keySet.getHost());
        assertThat(realm.getPort()).isEqualTo(keySet.getPort());
        assertThat(list(keycloak.get("command"))).contains("--http-port=" + realm.getPort());
        assertThat(realm.getPath()).isEqualTo("/realms/" + KeycloakRealmTest.realm().get("realm"));
        // ...while Keycloak names one issuer (the services' MP_JWT_VERIFY_ISSUER) and sends browsers to it for login and
        // logout, and answers back-channel calls (token, keys) at the address they came to
        assertThat(services.get("MP_JWT_VERIFY_ISSUER")).hasToString(keycloakEnv.get("KC_HOSTNAME") + realm.getPath());
        assertThat(keycloakEnv.get("KC_HOSTNAME").toString()).startsWith("http://localhost:");
        assertThat(keycloakEnv.get("KC_HOSTNAME_BACKCHANNEL_DYNAMIC")).hasToString("true");
        assertThat(list(keycloak.get("ports"))).contains(URI.create(keycloakEnv.get("KC_HOSTNAME").toString()).getPort() + ":" + realm.getPort());
        // the login returns to the console as the browser sees it, through the realm's wanjia-web client
        Map<String, Object> web = list(KeycloakRealmTest.realm().get("clients")).stream().map(RepositoryFiles::map)
                .filter(c -> "wanjia-web".equals(c.get("clientId"))).findFirst().orElseThrow();
        assertThat(config.getProperty("quarkus.oidc.client-id")).contains(":wanjia-web}");
        assertThat(list(web.get("redirectUris"))).anySatisfy(uri -> assertThat(uri.toString()).startsWith("${WANJIA_WEB_REDIRECT_URI:"));
        assertThat(keycloakEnv.get("WANJIA_WEB_REDIRECT_URI"))
                .hasToString("http://localhost:" + config.getProperty("quarkus.http.port") + "/*");
        assertThat(map(console.get("depends_on"))).containsKey("keycloak");
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
            assertThat(config).contains("${" + variable);
            assertThat(env.get(variable)).asString().startsWith("${" + variable + ":?");
        }
    }

    @Test
    void shouldGiveDeadlineMonitorItsWebhookSecretKeyFromTheEnvironment() throws IOException {
        Map<String, Object> env = map(service("deadline-monitor").get("environment"));
        String config = Files.readString(ROOT.resolve("deadline-monitor/src/main/resources/application.properties"));

        assertThat(config).contains("${WANJIA_DEADLINE_WEBHOOK_SECRET_KEY}");
        assertThat(env.get("WANJIA_DEADLINE_WEBHOOK_SECRET_KEY")).asString().startsWith("${WANJIA_DEADLINE_WEBHOOK_SECRET_KEY:?");
    }

    @Test
    void shouldCreateEveryTopicOfTheContractsWithItsDeadLetterTwin() throws IOException {
        String command = list(service("topics").get("command")).get(0).toString();
        for (String topic : List.of(Topics.LABOUR_STATUS_REPORTS, Topics.HOUSEHOLD_EVENTS, Topics.PLACEMENT_EVENTS,
                Topics.ESCALATION_EVENTS)) {
            assertThat(command).contains(topic);
        }
        assertThat(command).contains("$$t.dlq").contains("--partitions 6");
        assertThat(command).contains("--topic " + Topics.IDENTITY_CLAIMS + " --partitions 6 --replication-factor 1 --config cleanup.policy=compact")
                .contains("--topic " + Topics.deadLetter(Topics.IDENTITY_CLAIMS) + " ");
        // transfers are kept by age like the districts' events, not compacted
        assertThat(command).contains("--topic " + Topics.HOUSEHOLD_TRANSFERS + " --partitions 6 --replication-factor 1\n")
                .contains("--topic " + Topics.deadLetter(Topics.HOUSEHOLD_TRANSFERS) + " ");
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

    private static String serviceConfigText() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String service : List.of("household-service", "placement-service", "deadline-monitor", "reporting-service")) {
            all.append(Files.readString(ROOT.resolve(service + "/src/main/resources/application.properties")));
        }
        return all.toString();
    }

    private static String lastPathSegment(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
