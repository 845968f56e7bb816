package io.wanjia.deadline;

import static io.restassured.RestAssured.given;
import static io.wanjia.deadline.DeadlineFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.commons.time.AdjustableClock;
import io.wanjia.deadline.service.WebhookSecrets;

/**
 * Webhooks as an attacker would try them (issue #15, item 5): a subscription cannot aim alerts at loopback, private,
 * link-local or cloud-metadata addresses, not even when its host later resolves there; an alert carries a signed
 * timestamp, so a captured one cannot be replayed; secrets are sealed at rest (also those an earlier version kept in
 * clear); and the delivery log never repeats what a subscriber answered.
 */
@QuarkusTest
class WebhookSecurityIT {

    /** No case ever opens here: a subscription made in it is never delivered to. */
    private static final String NOWHERE = "210199";
    private static final String SHENBEI = "210113";
    private static final String YUHONG = "210114";
    private static final String LIAOZHONG = "210115";
    private static final String XINMIN = "210181";
    private static final String SECRET = "a-long-shared-secret-for-webhooks";
    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");

    @Inject
    AdjustableClock clock;
    @Inject
    DataSource database;
    @Inject
    WebhookSecrets secrets;

    KafkaTestClient kafka;
    final List<HttpServer> receivers = new ArrayList<>();
    final List<ServerSocket> sockets = new ArrayList<>();

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient();
    }

    @AfterEach
    void stop() throws IOException, SQLException {
        receivers.forEach(r -> r.stop(0));
        for (ServerSocket socket : sockets) {
            socket.close();
        }
        kafka.close();
        execute("UPDATE webhook_subscription SET active = false WHERE area_prefix IN (?, ?, ?, ?, ?)", NOWHERE, SHENBEI, YUHONG,
                LIAOZHONG, XINMIN);
    }

    @Test
    void shouldRefuseToSubscribeATargetOnALoopbackPrivateLinkLocalOrMetadataAddress() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("http://127.0.0.2:8080/alerts", "loopback");
        refused.put("http://[::1]:8080/alerts", "loopback");
        refused.put("http://0.0.0.0:8080/alerts", "unspecified");
        refused.put("http://10.20.30.40/alerts", "private");
        refused.put("http://172.16.0.9/alerts", "private");
        refused.put("http://192.168.1.20/alerts", "private");
        refused.put("http://[::ffff:192.168.1.20]/alerts", "private");
        refused.put("http://100.64.0.7/alerts", "shared");
        refused.put("http://169.254.10.1/alerts", "link-local");
        refused.put("http://[fe80::1]/alerts", "link-local");
        refused.put("http://[fd12:3456::1]/alerts", "unique local");
        refused.put("http://169.254.169.254/latest/meta-data/", "metadata");
        refused.put("http://[fd00:ec2::254]/latest/meta-data/", "metadata");
        refused.put("http://100.100.100.200/latest/meta-data/", "metadata");

        refused.forEach((url, kind) -> subscribe(url, NOWHERE).then().statusCode(400)
                .body("field", equalTo("url")).body("detail", containsString(kind)));
        subscribe("http://user:password@127.0.0.1:9/alerts", NOWHERE).then().statusCode(400).body("field", equalTo("url"))
                .body("rule", equalTo("no-credentials"));
        subscribe("ftp://127.0.0.1/alerts", NOWHERE).then().statusCode(400).body("field", equalTo("url"));
        // The allow-list of the test profile (as of the local platform) lets the tests' own receivers in.
        subscribe("http://127.0.0.1:9/alerts", NOWHERE).then().statusCode(201);
    }

    @Test
    void shouldRefuseAtDeliveryATargetThatNowResolvesToAForbiddenAddress() throws Exception {
        AtomicInteger reached = new AtomicInteger();
        HttpServer elsewhere = receiver("127.0.0.2", exchange -> {
            reached.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        String subscription = subscribe("http://127.0.0.1:9/alerts", SHENBEI).then().statusCode(201).extract().path("id");
        // What a DNS change after the check amounts to: the subscription's host now leads to another loopback address.
        execute("UPDATE webhook_subscription SET url = ? WHERE id = CAST(? AS uuid)",
                "http://127.0.0.2:" + elsewhere.getAddress().getPort() + "/alerts", subscription);

        DeadlineFixtures.started(kafka, UUID.randomUUID(), SHENBEI, LocalDate.now(clock).minusDays(10)); // day 11: COMMUNITY

        JsonNode delivery = awaitAttempted(subscription);
        assertThat(reached.get()).as("requests that reached 127.0.0.2").isZero();
        assertThat(delivery.get("lastStatus").isNull()).isTrue();
        assertThat(delivery.get("lastError").asText()).isEqualTo("refused: the host resolves to a loopback address");
    }

    @Test
    void shouldSignATimestampWithTheBodySoThatACapturedAlertCannotBeReplayed() throws Exception {
        List<String[]> captured = new CopyOnWriteArrayList<>();
        HttpServer receiver = receiver("127.0.0.1", exchange -> {
            captured.add(new String[] {exchange.getRequestHeaders().getFirst("X-Wanjia-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        subscribe("http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts", YUHONG).then().statusCode(201);

        DeadlineFixtures.started(kafka, UUID.randomUUID(), YUHONG, LocalDate.now(clock).minusDays(10));

        await().atMost(Duration.ofSeconds(30)).until(() -> !captured.isEmpty());
        String header = captured.get(0)[0];
        String body = captured.get(0)[1];
        Matcher signature = SIGNATURE.matcher(header == null ? "" : header);
        assertThat(signature.matches()).as("X-Wanjia-Signature " + header + " reads t=<unix seconds>,v1=<hex>").isTrue();
        long t = Long.parseLong(signature.group(1));
        assertThat(Math.abs(t - clock.instant().getEpochSecond())).as("signed at the service's time").isLessThan(60);
        assertThat(accepts(header, body, clock.instant())).as("the receiver's check of README").isTrue();
        assertThat(accepts(header, body, clock.instant().plus(Duration.ofMinutes(6)))).as("the same alert replayed later").isFalse();
        assertThat(accepts("t=" + (t + 360) + ",v1=" + signature.group(2), body, clock.instant().plus(Duration.ofMinutes(6))))
                .as("a replay with a fresher timestamp").isFalse();
        assertThat(accepts(header, body.replace("COMMUNITY", "CITY"), clock.instant())).as("a changed body").isFalse();
    }

    @Test
    void shouldKeepTheSubscriptionSecretSealedAtRest() throws Exception {
        String secret = "sealed-" + UUID.randomUUID();
        String subscription = given().header("Authorization", Tokens.bearer("admin", "2101")).contentType("application/json")
                .body(Map.of("url", "http://127.0.0.1:9/alerts", "areaPrefix", NOWHERE, "minLevel", "CITY", "secret", secret))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");

        assertThat(query("SELECT s::text FROM webhook_subscription s WHERE id = CAST(? AS uuid)", subscription))
                .doesNotContain(secret);
        assertThat(query("SELECT coalesce(string_agg(a::text, ''), '') FROM audit_entry a WHERE a::text LIKE '%' || ? || '%'", subscription))
                .doesNotContain(secret);
    }

    @Test
    void shouldSealASecretThatAnEarlierVersionKeptInPlaintextAndSignWithIt() throws Exception {
        List<String[]> captured = new CopyOnWriteArrayList<>();
        HttpServer receiver = receiver("127.0.0.1", exchange -> {
            captured.add(new String[] {exchange.getRequestHeaders().getFirst("X-Wanjia-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        String legacy = UUID.randomUUID().toString();
        // A row as V1 left it: the secret in clear.
        execute("""
                INSERT INTO webhook_subscription (id, url, area_prefix, min_level, secret, active, created_at, created_by)
                VALUES (CAST(? AS uuid), ?, ?, 'COMMUNITY', ?, true, now(), 'before-V3')""", legacy,
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts", XINMIN, SECRET);

        assertThat(secrets.sealPlaintext()).as("what the service does when it starts").isEqualTo(1);

        assertThat(query("SELECT s::text FROM webhook_subscription s WHERE id = CAST(? AS uuid)", legacy)).doesNotContain(SECRET);
        DeadlineFixtures.started(kafka, UUID.randomUUID(), XINMIN, LocalDate.now(clock).minusDays(10));
        await().atMost(Duration.ofSeconds(30)).until(() -> !captured.isEmpty());
        assertThat(accepts(captured.get(0)[0], captured.get(0)[1], clock.instant())).as("signed with the sealed secret").isTrue();
    }

    @Test
    void shouldRecordOnlyTheStatusAndAFixedDescriptionOfAFailedDelivery() throws Exception {
        String marker = "REMOTE-TEXT-" + UUID.randomUUID();
        HttpServer failing = receiver("127.0.0.1", exchange -> {
            byte[] answer = ("<html>stack trace " + marker + "</html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Reason", marker);
            exchange.sendResponseHeaders(500, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        ServerSocket notHttp = garbageServer("HTTP/1.1 2OO " + marker + "\r\n\r\n");
        String answered500 = subscribe("http://127.0.0.1:" + failing.getAddress().getPort() + "/alerts", LIAOZHONG)
                .then().statusCode(201).extract().path("id");
        String answeredGarbage = subscribe("http://127.0.0.1:" + notHttp.getLocalPort() + "/alerts", LIAOZHONG)
                .then().statusCode(201).extract().path("id");

        DeadlineFixtures.started(kafka, UUID.randomUUID(), LIAOZHONG, LocalDate.now(clock).minusDays(10));

        JsonNode status = awaitAttempted(answered500);
        JsonNode garbage = awaitAttempted(answeredGarbage);
        assertThat(query("SELECT coalesce(string_agg(d::text, ''), '') FROM webhook_delivery d WHERE d::text LIKE '%' || ? || '%'", marker))
                .as("delivery rows holding the subscribers' text").isEmpty();
        assertThat(status.get("lastStatus").asInt()).isEqualTo(500);
        assertThat(status.get("lastError").asText()).isEqualTo("answered HTTP 500");
        assertThat(garbage.get("lastStatus").isNull()).isTrue();
        assertThat(garbage.get("lastError").asText()).isEqualTo("the answer was not HTTP");
    }

    /** The receiver's check of README: the timestamp within 5 minutes of now, the HMAC of "t.body" equal in constant time. */
    private static boolean accepts(String header, String body, Instant now) throws Exception {
        Matcher signature = SIGNATURE.matcher(header);
        if (!signature.matches() || Math.abs(now.getEpochSecond() - Long.parseLong(signature.group(1))) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((signature.group(1) + "." + body).getBytes(StandardCharsets.UTF_8));
        return java.security.MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature.group(2)));
    }

    private io.restassured.response.Response subscribe(String url, String area) {
        return given().header("Authorization", Tokens.bearer("admin", "2101")).contentType("application/json")
                .body(Map.of("url", url, "areaPrefix", area, "minLevel", "COMMUNITY", "secret", SECRET)).post("/api/v1/webhooks");
    }

    /** The subscription's first delivery once it has been attempted at least once. */
    private JsonNode awaitAttempted(String subscription) {
        JsonNode[] delivery = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode log = json(given().header("Authorization", Tokens.bearer("admin", "2101"))
                    .get("/api/v1/webhooks/{id}/deliveries", subscription).then().statusCode(200).extract().asString());
            delivery[0] = log.size() == 0 ? null : log.get(log.size() - 1);
            return delivery[0] != null && delivery[0].get("attempts").asInt() >= 1;
        });
        return delivery[0];
    }

    private HttpServer receiver(String address, com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.createContext("/alerts", handler);
        server.start();
        receivers.add(server);
        return server;
    }

    /** A server on 127.0.0.1 that answers every request with {@code answer} (not HTTP) and hangs up. */
    private ServerSocket garbageServer(String answer) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        sockets.add(server);
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                    InputStream in = client.getInputStream();
                    byte[] buffer = new byte[8192];
                    in.read(buffer);
                    OutputStream out = client.getOutputStream();
                    out.write(answer.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "garbage-receiver");
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private String query(String sql, Object... parameters) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : "";
            }
        }
    }
}
