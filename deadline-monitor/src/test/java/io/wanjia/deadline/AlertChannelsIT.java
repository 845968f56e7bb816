package io.wanjia.deadline;

import static io.restassured.RestAssured.given;
import static io.wanjia.deadline.DeadlineFixtures.caseOf;
import static io.wanjia.deadline.DeadlineFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.commons.time.AdjustableClock;
import io.wanjia.deadline.domain.AlertMessage;

/**
 * Alerts reach people where they already are (issue #19): an escalation goes by e-mail to a real SMTP peer, and to
 * 企业微信 and 钉钉 group robots in their own JSON (DingTalk's URL signed), in Chinese, with the level, the district, the
 * household's short reference, the day, the days left and a link to the case — never a national ID. A failed attempt
 * is retried; a robot that says the subscription is wrong is given up. The subscription API takes each kind, answers a
 * bad field with a 400 naming it, and never shows a robot's key or secret back.
 */
@QuarkusTest
@WithTestResource(value = SmtpSink.class, scope = TestResourceScope.GLOBAL)
class AlertChannelsIT {

    private static final String LUSHUNKOU = "210212";
    private static final String JINZHOU = "210213";
    private static final String PULANDIAN = "210214";
    /** No case ever opens here: subscriptions made in it are never delivered to. */
    private static final String NOWHERE = "210299";
    private static final List<String> AREAS = List.of(LUSHUNKOU, JINZHOU, PULANDIAN, NOWHERE);
    private static final Pattern NATIONAL_ID = Pattern.compile("\\d{17}[\\dXx]");
    private static final Pattern CASE_LINK = Pattern.compile("http://localhost:8080/#/cases/([0-9a-f-]{36})");
    private static final String ADMIN = "2102";
    /**
     * Long for one alert: the first test to publish may meet records other suites on this machine are publishing at the
     * same time, which the consumer reads before it.
     */
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Inject
    AdjustableClock clock;
    @Inject
    DataSource database;

    KafkaTestClient kafka;
    final List<HttpServer> receivers = new ArrayList<>();

    /** A request a robot receiver was sent: its query parameters (decoded) and its JSON body. */
    record Posted(Map<String, String> query, String rawQuery, String contentType, JsonNode body) {
    }

    @BeforeEach
    void connect() throws SQLException {
        kafka = new KafkaTestClient();
        deactivateSubscriptions(); // a run that stopped half-way may have left some behind
    }

    @AfterEach
    void stop() throws SQLException {
        receivers.forEach(r -> r.stop(0));
        kafka.close();
        deactivateSubscriptions();
    }

    @Test
    void shouldMailAnEscalationInChineseAndRetryAfterATemporaryRefusal() {
        String duty = "duty-" + UUID.randomUUID().toString().substring(0, 8) + "@pulandian.gov.cn";
        String chief = "chief-" + UUID.randomUUID().toString().substring(0, 8) + "@dalian.gov.cn";
        SmtpSink.refuseOnce(duty);
        String subscription = admin().body(Map.of("kind", "EMAIL", "recipients", List.of(duty, chief), "areaPrefix", PULANDIAN,
                "minLevel", "DISTRICT")).post("/api/v1/webhooks").then().statusCode(201).body("kind", equalTo("EMAIL"))
                .body("recipients[0]", equalTo(duty)).body("url", nullValue()).extract().path("id");
        UUID household = UUID.randomUUID();

        DeadlineFixtures.started(kafka, household, PULANDIAN, LocalDate.now(clock).minusDays(17)); // day 18: the district's step

        await().atMost(WAIT).until(() -> SmtpSink.received().stream().anyMatch(m -> m.recipients().contains(duty)));
        SmtpSink.Received mail = SmtpSink.received().stream().filter(m -> m.recipients().contains(duty)).findFirst().orElseThrow();
        assertThat(mail.recipients()).containsExactlyInAnyOrder(duty, chief);
        assertThat(mail.headers().get("to")).contains(duty, chief);
        assertThat(SmtpSink.decodeHeader(mail.headers().get("from"))).contains("万家督办", "wanjia-alerts@localhost");
        assertThat(mail.headers().get("x-wanjia-event-id")).isNotBlank();
        assertThat(mail.subject()).startsWith("【万家督办】").contains("普兰店区", "第18天", "区县级", "剩余2天");
        assertThat(mail.text()).contains("家庭编号：" + AlertMessage.householdRef(household), "进度：第18天，剩余2天", "区县：普兰店区（210214）");
        assertThat(caseIdLinkedIn(mail.text())).isEqualTo(caseOf(household, ADMIN).get("id").asText());
        assertThat(NATIONAL_ID.matcher(mail.subject() + mail.text()).find()).as("a national ID in the mail").isFalse();
        JsonNode delivery = awaitDelivered(subscription);
        assertThat(delivery.get("attempts").asInt()).as("refused once with 451, then taken").isEqualTo(2);
    }

    @Test
    void shouldPostAMarkdownMessageToAWeComRobotRetryingAThrottledAttemptAndGivingUpAnUnknownKey() throws IOException {
        String key = UUID.randomUUID().toString();
        String removedKey = UUID.randomUUID().toString();
        UUID household = UUID.randomUUID();
        List<Posted> posted = new CopyOnWriteArrayList<>();
        AtomicInteger answered = new AtomicInteger();
        HttpServer robot = receiver("/cgi-bin/webhook/send", exchange -> {
            Posted p = posted(exchange);
            posted.add(p);
            if (removedKey.equals(p.query().get("key"))) {
                return "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}";
            }
            boolean first = p.body().toString().contains(AlertMessage.householdRef(household)) && answered.getAndIncrement() == 0;
            return first ? "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}" : "{\"errcode\":0,\"errmsg\":\"ok\"}";
        });
        String url = "http://127.0.0.1:" + robot.getAddress().getPort() + "/cgi-bin/webhook/send";
        String subscription = admin().body(Map.of("kind", "WECOM", "url", url + "?key=" + key, "areaPrefix", LUSHUNKOU, "minLevel", "DISTRICT"))
                .post("/api/v1/webhooks").then().statusCode(201).body("kind", equalTo("WECOM")).body("url", equalTo(url))
                .body(not(containsString(key))).extract().path("id");
        String removed = admin().body(Map.of("kind", "WECOM", "url", url + "?key=" + removedKey, "areaPrefix", LUSHUNKOU, "minLevel", "DISTRICT"))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");

        DeadlineFixtures.started(kafka, household, LUSHUNKOU, LocalDate.now(clock).minusDays(17));

        JsonNode delivery = awaitDelivered(subscription);
        assertThat(delivery.get("attempts").asInt()).as("throttled once (45009), then delivered").isEqualTo(2);
        Posted message = posted.stream().filter(p -> key.equals(p.query().get("key")))
                .filter(p -> p.body().toString().contains(AlertMessage.householdRef(household))).reduce((a, b) -> b).orElseThrow();
        assertThat(message.contentType()).startsWith("application/json");
        assertThat(message.body().get("msgtype").asText()).isEqualTo("markdown");
        String content = message.body().get("markdown").get("content").asText();
        assertThat(content).contains("【万家督办】旅顺口区 第18天", "区县级", "家庭编号：" + AlertMessage.householdRef(household),
                "第18天，剩余2天", "[查看案件](http://localhost:8080/#/cases/");
        assertThat(caseIdLinkedIn(content)).isEqualTo(caseOf(household, ADMIN).get("id").asText());
        assertThat(NATIONAL_ID.matcher(message.body().toString()).find()).as("a national ID in the message").isFalse();

        JsonNode givenUp = awaitAttempted(removed);
        assertThat(givenUp.get("status").asText()).isEqualTo("FAILED");
        assertThat(givenUp.get("attempts").asInt()).isEqualTo(1);
        assertThat(givenUp.get("lastError").asText()).isEqualTo("the robot answered errcode 93000 (not retried: the robot refuses this subscription)");
    }

    @Test
    void shouldPostASignedMarkdownMessageToADingTalkRobotAndRetryAfterAServerError() throws Exception {
        String token = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        String secret = "SEC" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        UUID household = UUID.randomUUID();
        List<Posted> posted = new CopyOnWriteArrayList<>();
        HttpServer robot = receiver("/robot/send", exchange -> {
            Posted p = posted(exchange);
            if (!p.body().toString().contains(AlertMessage.householdRef(household))) {
                return "{\"errcode\":0,\"errmsg\":\"ok\"}"; // another household's alert
            }
            posted.add(p);
            return posted.size() == 1 ? null : "{\"errcode\":0,\"errmsg\":\"ok\"}"; // the first answered 500
        });
        String url = "http://127.0.0.1:" + robot.getAddress().getPort() + "/robot/send";
        String subscription = admin().body(Map.of("kind", "DINGTALK", "url", url + "?access_token=" + token, "secret", secret,
                "areaPrefix", JINZHOU, "minLevel", "DISTRICT")).post("/api/v1/webhooks").then().statusCode(201)
                .body("kind", equalTo("DINGTALK")).body("url", equalTo(url)).body(not(containsString(token)))
                .body(not(containsString(secret))).extract().path("id");

        DeadlineFixtures.started(kafka, household, JINZHOU, LocalDate.now(clock).minusDays(17));

        JsonNode delivery = awaitDelivered(subscription);
        assertThat(delivery.get("attempts").asInt()).as("answered 500 once, then delivered").isEqualTo(2);
        assertThat(posted).hasSize(2);
        for (Posted attempt : posted) {
            assertThat(attempt.query().get("access_token")).isEqualTo(token);
            long timestamp = Long.parseLong(attempt.query().get("timestamp"));
            assertThat(Math.abs(timestamp - clock.millis())).as("signed at the service's time, in ms").isLessThan(60_000);
            String sign = Arrays.stream(attempt.rawQuery().split("&")).filter(pair -> pair.startsWith("sign=")).findFirst()
                    .orElseThrow().substring("sign=".length());
            assertThat(sign).as("DingTalk's check: URL-encoded Base64 of HmacSHA256(secret, timestamp\\nsecret)")
                    .isEqualTo(dingTalkSign(secret, timestamp));
        }
        JsonNode message = posted.get(1).body();
        assertThat(message.get("msgtype").asText()).isEqualTo("markdown");
        assertThat(message.get("markdown").get("title").asText()).isEqualTo(
                "【万家督办】金州区 第18天 区县级 剩余2天");
        String text = message.get("markdown").get("text").asText();
        assertThat(text).contains("区县级督办提醒", "金州区（210213）", "家庭编号：" + AlertMessage.householdRef(household), "第18天，剩余2天");
        assertThat(caseIdLinkedIn(text)).isEqualTo(caseOf(household, ADMIN).get("id").asText());
        assertThat(NATIONAL_ID.matcher(message.toString()).find()).as("a national ID in the message").isFalse();
    }

    @Test
    void shouldAnswerABadAddressUrlOrSecretWithAProblemNamingTheField() {
        String key = UUID.randomUUID().toString();
        String sec = "SEC" + UUID.randomUUID().toString().replace("-", "");
        refused(Map.of("kind", "EMAIL", "recipients", List.of("duty@dalian.gov.cn", "not-an-address")), "recipients[1]", "email");
        refused(Map.of("kind", "EMAIL", "recipients", List.of("duty@dalian.gov.cn\r\nBcc: someone@else.cn")), "recipients[0]", "email");
        refused(Map.of("kind", "EMAIL"), "recipients", "required");
        refused(Map.of("kind", "EMAIL", "recipients", List.of("duty@dalian.gov.cn"), "secret", "a-long-shared-secret-for-webhooks"),
                "secret", "not-for-kind");
        refused(Map.of("kind", "WECOM", "url", "https://10.1.2.3/cgi-bin/webhook/send?key=" + key), "url", "robot-host");
        refused(Map.of("kind", "WECOM", "url", "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + key), "url", "robot-url");
        refused(Map.of("kind", "WECOM", "url", "http://127.0.0.1:9/cgi-bin/webhook/send"), "url", "robot-token");
        refused(Map.of("kind", "DINGTALK", "url", "http://127.0.0.1:9/robot/send?access_token=" + key), "secret", "required");
        refused(Map.of("kind", "DINGTALK", "url", "http://127.0.0.1:9/robot/send?access_token=" + key, "secret", "not-the-sign-secret-0123"),
                "secret", "dingtalk-secret");
        refused(Map.of("kind", "DINGTALK", "url", "http://[::1]:9/robot/send?access_token=" + key, "secret", sec), "url", "robot-host");
        refused(Map.of("kind", "SMS", "url", "http://127.0.0.1:9/alerts"), "kind", "type");
        // Without a kind, a webhook as before issue #19.
        admin().body(Map.of("url", "http://127.0.0.1:9/alerts", "areaPrefix", NOWHERE, "minLevel", "CITY", "secret",
                "a-long-shared-secret-for-webhooks")).post("/api/v1/webhooks").then().statusCode(201).body("kind", equalTo("WEBHOOK"));
    }

    @Test
    void shouldNeverShowARobotsKeyTokenOrSecretBack() throws SQLException {
        String key = UUID.randomUUID().toString();
        String token = UUID.randomUUID().toString().replace("-", "");
        String secret = "SEC" + UUID.randomUUID().toString().replace("-", "");
        String wecom = admin().body(Map.of("kind", "WECOM", "url", "http://127.0.0.1:9/cgi-bin/webhook/send?key=" + key,
                "areaPrefix", NOWHERE, "minLevel", "CITY")).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        String dingtalk = admin().body(Map.of("kind", "DINGTALK", "url", "http://127.0.0.1:9/robot/send?access_token=" + token,
                "secret", secret, "areaPrefix", NOWHERE, "minLevel", "CITY")).post("/api/v1/webhooks").then().statusCode(201)
                .extract().path("id");

        String list = admin().get("/api/v1/webhooks").then().statusCode(200).extract().asString();
        assertThat(list).contains(wecom, dingtalk, "http://127.0.0.1:9/cgi-bin/webhook/send\"", "http://127.0.0.1:9/robot/send\"")
                .doesNotContain(key, token, secret);
        for (String id : List.of(wecom, dingtalk)) {
            assertThat(query("SELECT s::text FROM webhook_subscription s WHERE id = CAST(? AS uuid)", id)).doesNotContain(key, token, secret);
            assertThat(query("SELECT coalesce(string_agg(a::text, ''), '') FROM audit_entry a WHERE a::text LIKE '%' || ? || '%'", id))
                    .contains(id).doesNotContain(key, token, secret);
        }
    }

    private void refused(Map<String, Object> fields, String field, String rule) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("areaPrefix", NOWHERE);
        body.put("minLevel", "CITY");
        admin().body(body).post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo(field)).body("rule", equalTo(rule));
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", Tokens.bearer("admin", ADMIN)).contentType("application/json");
    }

    /** The case id of the console link in {@code text}. */
    private static String caseIdLinkedIn(String text) {
        var link = CASE_LINK.matcher(text);
        assertThat(link.find()).as("a link to the case in " + text).isTrue();
        return link.group(1);
    }

    /** What DingTalk computes to check a robot message's {@code sign}. */
    private static String dingTalkSign(String secret, long timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
        return URLEncoder.encode(Base64.getEncoder().encodeToString(digest), StandardCharsets.UTF_8);
    }

    private JsonNode awaitDelivered(String subscription) {
        JsonNode[] delivery = new JsonNode[1];
        try {
            await().atMost(WAIT).until(() -> {
                delivery[0] = lastDelivery(subscription);
                return delivery[0] != null && "DELIVERED".equals(delivery[0].get("status").asText());
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not delivered; the log's last word: " + delivery[0], e);
        }
        return delivery[0];
    }

    private JsonNode awaitAttempted(String subscription) {
        JsonNode[] delivery = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            delivery[0] = lastDelivery(subscription);
            return delivery[0] != null && !"PENDING".equals(delivery[0].get("status").asText());
        });
        return delivery[0];
    }

    /** The subscription's oldest delivery (each test's subscription is new, so its first alert is the test's). */
    private JsonNode lastDelivery(String subscription) {
        JsonNode log = json(admin().get("/api/v1/webhooks/{id}/deliveries", subscription).then().statusCode(200).extract().asString());
        return log.size() == 0 ? null : log.get(log.size() - 1);
    }

    /** A robot's answer to a request; null answers HTTP 500. */
    interface Robot {
        String answer(HttpExchange exchange) throws IOException;
    }

    private HttpServer receiver(String path, Robot robot) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(path, exchange -> {
            String answer = robot.answer(exchange);
            if (answer == null) {
                exchange.sendResponseHeaders(500, -1);
            } else {
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        receivers.add(server);
        return server;
    }

    private static Posted posted(HttpExchange exchange) throws IOException {
        String raw = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        Map<String, String> query = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return new Posted(query, raw, exchange.getRequestHeaders().getFirst("Content-Type"),
                json(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private void deactivateSubscriptions() throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "UPDATE webhook_subscription SET active = false WHERE area_prefix = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("text", AREAS.toArray()));
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
