package io.wanjia.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The four services as packaged apps on the real Kafka and PostgreSQL, started once for the suite with a clock
 * tests can move (the explicit {@code wanjia.clock.adjustable} setting, in the non-prod {@code e2e} profile),
 * each in its own test database and with consumer groups of its own, and stopped when the JVM ends.
 */
final class Platform {

    static final Path ROOT = Path.of(System.getProperty("wanjia.home", "..")).toAbsolutePath().normalize();
    static final Map<String, Integer> PORTS = new LinkedHashMap<>(Map.of());
    /**
     * The realm's issuer when ./platform runs Keycloak ({@code .platform/keycloak/issuer}, written once Keycloak is ready
     * with the local key as its signing key): the suite's services then verify tokens through Keycloak's key set and
     * issuer, as in production, and the suite's tokens carry that issuer. Without it they trust the local key alone.
     */
    static final Optional<String> KEYCLOAK_ISSUER = keycloakIssuer();
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static boolean started;
    private static boolean stopOnExit;
    private static TraceCollector traces;
    private static Instant startedAt;

    static {
        PORTS.put("household-service", 18081);
        PORTS.put("placement-service", 18082);
        PORTS.put("deadline-monitor", 18083);
        PORTS.put("reporting-service", 18084);
    }

    private Platform() {
    }

    /** Starts the services once per JVM and waits until all are ready. */
    static synchronized void start() throws IOException, InterruptedException {
        if (started) {
            return;
        }
        startedAt = Instant.now();
        Map<String, String> databases = Map.of("household-service", "wanjia_household_test", "placement-service",
                "wanjia_placement_test", "deadline-monitor", "wanjia_deadline_test", "reporting-service", "wanjia_reporting_test");
        Map<String, List<String>> channels = Map.of("household-service", List.of("labour-reports", "placement-events", "identity-claims",
                "household-transfers"),
                "placement-service", List.of("household-events"), "deadline-monitor", List.of("household-events", "placement-events"),
                "reporting-service", List.of("all-events"));
        Map<String, List<String>> topics = Map.of("household-service", List.of("labour.status-reports.v1", "placement.events.v1",
                        "identity.claims.v1", "household.transfers.v1"),
                "placement-service", List.of("household.events.v1"), "deadline-monitor", List.of("household.events.v1",
                        "placement.events.v1"), "reporting-service", List.of("labour.status-reports.v1", "household.events.v1",
                        "placement.events.v1", "escalation.events.v1"));
        for (var service : topics.entrySet()) {
            startAtTheEnd(group(service.getKey()), service.getValue());
        }
        traces = new TraceCollector();
        for (var service : PORTS.entrySet()) {
            List<String> properties = new ArrayList<>(List.of("-Dquarkus.http.port=" + service.getValue(),
                    "-Dquarkus.datasource.jdbc.url=" + jdbcUrl(databases.get(service.getKey())),
                    "-Dwanjia.deadline.webhooks.first-retry=PT0.2S",
                    // The suite's webhook receivers listen on this machine's loopback (refused in prod).
                    "-Dwanjia.deadline.webhooks.allowed-networks=127.0.0.1",
                    // Traces on, exported to the suite's collector: only those a test starts sampled are recorded.
                    "-Dquarkus.otel.sdk.disabled=false", "-Dquarkus.otel.traces.sampler=parentbased_always_off",
                    "-Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf",
                    "-Dquarkus.otel.exporter.otlp.traces.endpoint=" + traces.endpoint(), "-Dquarkus.otel.bsp.schedule.delay=PT0.2S"));
            for (String channel : channels.get(service.getKey())) {
                properties.add("-Dmp.messaging.incoming." + channel + ".group.id=" + group(service.getKey()));
            }
            launch(service.getKey(), service.getKey(), properties, Map.of());
        }
        for (var service : PORTS.entrySet()) {
            awaitReady(service.getKey(), service.getValue());
        }
        started = true;
    }

    /**
     * Starts one packaged service as {@code name} (its log {@code e2e/target/services/<name>.log}) with the suite's
     * settings (the e2e profile, a clock tests can move, a database cleaned at start, the local keys) plus
     * {@code properties} ({@code -Dkey=value}) and {@code environment}, which win; it is stopped with the suite. Callers
     * wait for it to be ready ({@link #awaitReady}).
     */
    static synchronized Process launch(String name, String service, List<String> properties, Map<String, String> environment)
            throws IOException {
        Path keys = ROOT.resolve(".platform/keys");
        Path logs = ROOT.resolve("e2e/target/services");
        Files.createDirectories(logs);
        Path jar = ROOT.resolve(service + "/target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("packaged " + service + " (run ./mvnw package first)").exists();
        // Started as ./platform up and the bench start theirs (JVM, options, AOT cache when fresh: tools/service-java).
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("tools/service-java").toString(), service,
                "-Dquarkus.profile=e2e", "-Dwanjia.home=" + ROOT, "-Dwanjia.clock.adjustable=true",
                "-Dquarkus.flyway.clean-at-start=true", "-Dquarkus.flyway.clean-disabled=false"));
        KEYCLOAK_ISSUER.ifPresent(issuer -> command.addAll(List.of("-Dmp.jwt.verify.issuer=" + issuer,
                "-Dmp.jwt.verify.publickey.location=" + issuer + "/protocol/openid-connect/certs")));
        command.addAll(properties);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logs.resolve(name + ".log").toFile());
        builder.environment().put("WANJIA_HOUSEHOLD_NATIONAL_ID_ENCRYPTION_KEY",
                Files.readString(keys.resolve("national-id-encryption.key")).trim());
        builder.environment().put("WANJIA_HOUSEHOLD_NATIONAL_ID_HASH_KEY", Files.readString(keys.resolve("national-id-hash.key")).trim());
        builder.environment().put("WANJIA_DEADLINE_WEBHOOK_SECRET_KEY", Files.readString(keys.resolve("webhook-secret.key")).trim());
        builder.environment().putAll(environment);
        if (!stopOnExit) {
            Runtime.getRuntime().addShutdownHook(new Thread(Platform::stop));
            stopOnExit = true;
        }
        Process process = builder.start();
        PROCESSES.add(process);
        return process;
    }

    /** Waits (up to 3 minutes) until the service on {@code port} answers ready. */
    static void awaitReady(String name, int port) {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        org.awaitility.Awaitility.await(name + " ready; see e2e/target/services/" + name + ".log")
                .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** The spans the services exported, as the suite's collector received them. */
    static synchronized TraceCollector traces() {
        return traces;
    }

    /** When this JVM started the services (wall-clock time): everything the suite wrote is later. */
    static synchronized Instant startedAt() {
        return startedAt;
    }

    private static String group(String service) {
        return "e2e-" + RUN + "-" + service;
    }

    /**
     * Commits the group's offsets at the current end of its topics before the service first joins, so the
     * suite's services start with the events the suite publishes, not with everything earlier tests left.
     */
    private static void startAtTheEnd(String group, List<String> topics) {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", "127.0.0.1:9092");
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            for (var description : admin.describeTopics(topics).allTopicNames().get().values()) {
                description.partitions().forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition(description.name(), p.partition()),
                        org.apache.kafka.clients.admin.OffsetSpec.latest()));
            }
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets = new java.util.HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> offsets.put(tp,
                    new org.apache.kafka.clients.consumer.OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, offsets).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not place consumer group " + group + " at the end of " + topics, e);
        }
    }

    static void stop() {
        PROCESSES.forEach(Process::destroy);
        for (Process process : PROCESSES) {
            try {
                if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        PROCESSES.clear();
    }

    /** The JDBC URL of {@code database} on the PostgreSQL cluster ./platform runs (Wanjia's own, port 5433). */
    static String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:5433/" + database;
    }

    static String url(String service) {
        return "http://127.0.0.1:" + PORTS.get(service);
    }

    /** Moves every service's clock by {@code by}. */
    static void advance(Duration by) {
        for (String service : PORTS.keySet()) {
            io.restassured.RestAssured.given().header("Authorization", bearer("admin", "21")).contentType("application/json")
                    .body(Map.of("advanceSeconds", by.toSeconds())).post(url(service) + "/api/v1/clock").then().statusCode(200);
        }
    }

    /** The services' current instant (they move together). */
    static Instant now() {
        return Instant.parse(io.restassured.RestAssured.given().header("Authorization", bearer("admin", "21"))
                .get(url("household-service") + "/api/v1/clock").then().statusCode(200).extract().path("instant"));
    }

    /** An Authorization header value, signed RS256 with the key ./platform made, as `./platform token` does. */
    static String bearer(String role, String area) {
        return bearer(role, area, "e2e-" + role + "-" + area);
    }

    /** The same for the person {@code subject}, where two people of one role must differ (a reviewer, a confirmer). */
    static String bearer(String role, String area, String subject) {
        try {
            String pem = Files.readString(ROOT.resolve(".platform/keys/jwt-private.pem"));
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            KeyFactory rsaKeys = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsaKeys.generatePrivate(new PKCS8EncodedKeySpec(der));
            long now = Instant.now().getEpochSecond();
            // Keycloak names an imported key by the SHA-256 of its public key (X.509 encoding), base64url: so does ./platform token.
            byte[] publicKey = rsaKeys.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded();
            String kid = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(publicKey));
            String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}");
            String payload = b64("{\"iss\":\"" + KEYCLOAK_ISSUER.orElse("urn:wanjia:local") + "\",\"aud\":\"wanjia\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject
                    + "\",\"groups\":[\"" + role + "\"],\"area\":\"" + area + "\",\"iat\":" + now + ",\"exp\":" + (now + 7200) + "}");
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return "Bearer " + header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a token with .platform/keys/jwt-private.pem (run ./platform keys)", e);
        }
    }

    private static Optional<String> keycloakIssuer() {
        Path issuer = ROOT.resolve(".platform/keycloak/issuer");
        try {
            return Files.exists(issuer) ? Optional.of(Files.readString(issuer).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
