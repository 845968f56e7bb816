package io.wanjia.deadline;

import static io.restassured.RestAssured.given;
import static io.wanjia.deadline.DeadlineFixtures.caseOf;
import static io.wanjia.deadline.DeadlineFixtures.json;
import static io.wanjia.deadline.DeadlineFixtures.of;
import static io.wanjia.deadline.DeadlineFixtures.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.commons.time.AdjustableClock;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.household.ZeroEmploymentEnded;
import io.wanjia.deadline.domain.WebhookSignature;

/** Alerts reach supervisors: signed webhooks with retries, the inbox and acknowledgements, all within an area. */
@QuarkusTest
class AlertsIT {

    private static final String ESCALATED = "wanjia.case.escalated.v1";
    private static final String DADONG = "210104";
    private static final String HUANGGU = "210105";
    private static final String SECRET = "a-long-shared-secret-for-tests";

    @Inject
    AdjustableClock clock;
    @Inject
    EntityManager em;

    KafkaTestClient kafka;
    KafkaTestClient.Watch escalations;
    HttpServer receiver;
    final Map<String, AtomicInteger> attemptsByEvent = new ConcurrentHashMap<>();
    final List<String> accepted = new CopyOnWriteArrayList<>();
    final List<String> badSignatures = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        kafka = new KafkaTestClient();
        escalations = kafka.watch(Topics.ESCALATION_EVENTS);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/alerts", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String eventId = exchange.getRequestHeaders().getFirst("ce-id");
            String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
            if (!WebhookSignature.verify(SECRET, signature, body, clock.instant(), WebhookSignature.TOLERANCE)) {
                badSignatures.add(eventId);
            }
            int attempt = attemptsByEvent.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
            int status = attempt <= 2 ? 500 : 200;
            if (status == 200) {
                accepted.add(eventId + " " + body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        escalations.close();
        kafka.close();
    }

    @Test
    void shouldDeliverEachAlertOnceSignedAfterTwoFailedAttempts() {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts";
        String subscription = given().header("Authorization", Tokens.bearer("admin", "2101")).contentType("application/json")
                .body(Map.of("url", url, "areaPrefix", DADONG, "minLevel", "COMMUNITY", "secret", SECRET))
                .post("/api/v1/webhooks").then().statusCode(201).body("secret", org.hamcrest.Matchers.nullValue())
                .extract().path("id");
        UUID household = UUID.randomUUID();

        DeadlineFixtures.started(kafka, household, DADONG, LocalDate.now(clock).minusDays(10)); // day 11: day 10 is due

        String eventId = KafkaTestClient.header(escalations.await(r -> of(r, household) && ESCALATED.equals(type(r)), 1).get(0), "ce_id");
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted.stream().anyMatch(a -> a.startsWith(eventId)));
        assertThat(attemptsByEvent.get(eventId).get()).isEqualTo(3);
        assertThat(accepted.stream().filter(a -> a.startsWith(eventId))).hasSize(1);
        assertThat(badSignatures).isEmpty();
        JsonNode delivered = json(accepted.stream().filter(a -> a.startsWith(eventId)).findFirst().orElseThrow().substring(eventId.length() + 1));
        assertThat(delivered.get("householdId").asText()).isEqualTo(household.toString());
        assertThat(delivered.get("level").asText()).isEqualTo("COMMUNITY");
        given().header("Authorization", Tokens.bearer("admin", "2101")).get("/api/v1/webhooks/{id}/deliveries", subscription)
                .then().statusCode(200).body("find { it.eventId == '" + eventId + "' }.status", equalTo("DELIVERED"))
                .body("find { it.eventId == '" + eventId + "' }.attempts", equalTo(3));
    }

    @Test
    void shouldListAlertsInTheInboxAndRecordWhoAcknowledged() {
        UUID household = UUID.randomUUID();
        DeadlineFixtures.started(kafka, household, HUANGGU, LocalDate.now(clock).minusDays(15)); // day 16: STREET fires
        escalations.await(r -> of(r, household) && ESCALATED.equals(type(r)), 1);
        long alert = inboxIdOf(household, HUANGGU);

        given().header("Authorization", Tokens.bearer("supervisor", HUANGGU)).contentType("application/json")
                .body(Map.of("note", "called the family; interview on Monday"))
                .post("/api/v1/escalations/{id}/acknowledge", alert)
                .then().statusCode(200).body("acknowledgedBy", equalTo("test-supervisor-" + HUANGGU))
                .body("note", equalTo("called the family; interview on Monday"));

        given().header("Authorization", Tokens.bearer("supervisor", HUANGGU)).queryParam("acknowledged", false).queryParam("size", 500)
                .get("/api/v1/escalations").then().statusCode(200).body("items.id", not(hasItem((int) alert)));
        given().header("Authorization", Tokens.bearer("supervisor", HUANGGU)).queryParam("acknowledged", true).queryParam("size", 500)
                .get("/api/v1/escalations").then().statusCode(200).body("items.id", hasItem((int) alert));
        assertThat(caseOf(household, HUANGGU).get("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void shouldShowASupervisorOfAnotherAreaNoneOfTheseCases() {
        UUID household = UUID.randomUUID();
        DeadlineFixtures.started(kafka, household, HUANGGU, LocalDate.now(clock).minusDays(15));
        escalations.await(r -> of(r, household) && ESCALATED.equals(type(r)), 1);
        JsonNode c = caseOf(household, HUANGGU);
        long alert = inboxIdOf(household, HUANGGU);

        assertThat(caseOf(household, DADONG)).isNull();
        given().header("Authorization", Tokens.bearer("supervisor", DADONG)).get("/api/v1/cases/{id}", c.get("id").asText())
                .then().statusCode(404);
        given().header("Authorization", Tokens.bearer("supervisor", DADONG)).queryParam("size", 500).get("/api/v1/escalations")
                .then().statusCode(200).body("items.householdId", not(hasItem(household.toString())));
        given().header("Authorization", Tokens.bearer("supervisor", DADONG)).contentType("application/json").body(Map.of())
                .post("/api/v1/escalations/{id}/acknowledge", alert).then().statusCode(404);
        // Case workers read their own area's cases (the console shows a household's days left), no other area's; officials none.
        given().header("Authorization", Tokens.bearer("caseworker", HUANGGU)).get("/api/v1/cases/{id}", c.get("id").asText())
                .then().statusCode(200).body("householdId", equalTo(household.toString()));
        given().header("Authorization", Tokens.bearer("caseworker", DADONG)).get("/api/v1/cases/{id}", c.get("id").asText())
                .then().statusCode(404);
        given().header("Authorization", Tokens.bearer("caseworker", DADONG)).queryParam("householdId", household.toString())
                .get("/api/v1/cases").then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer("official", HUANGGU)).get("/api/v1/cases").then().statusCode(403);
        assertThat(caseOf(household, "2101")).isNotNull();
    }

    @Test
    void shouldListOnlyTheNamedHouseholdsCasesAndNoneOfAnotherArea() {
        UUID named = UUID.randomUUID();
        UUID neighbour = UUID.randomUUID();
        DeadlineFixtures.started(kafka, named, DADONG, LocalDate.now(clock));
        DeadlineFixtures.started(kafka, neighbour, DADONG, LocalDate.now(clock));
        escalations.await(r -> of(r, named) && "wanjia.case.opened.v1".equals(type(r)), 1);
        escalations.await(r -> of(r, neighbour) && "wanjia.case.opened.v1".equals(type(r)), 1);

        given().header("Authorization", Tokens.bearer("supervisor", DADONG)).queryParam("householdId", named.toString())
                .get("/api/v1/cases").then().statusCode(200).body("total", equalTo(1))
                .body("items.householdId", everyItem(equalTo(named.toString()))).body("items", hasSize(1));
        given().header("Authorization", Tokens.bearer("supervisor", DADONG)).queryParam("householdId", neighbour.toString())
                .get("/api/v1/cases").then().statusCode(200).body("items.householdId", everyItem(equalTo(neighbour.toString())))
                .body("items", hasSize(1));
        given().header("Authorization", Tokens.bearer("supervisor", HUANGGU)).queryParam("householdId", named.toString())
                .get("/api/v1/cases").then().statusCode(200).body("total", equalTo(0)).body("items", empty());
        given().header("Authorization", Tokens.bearer("supervisor", DADONG)).queryParam("householdId", "not-a-uuid")
                .get("/api/v1/cases").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("householdId")).body("rule", equalTo("uuid"));
    }

    @Test
    void shouldApplyAChangedPolicyToCasesOpenedAfterIt() {
        String district = "210111";
        UUID before = UUID.randomUUID();
        DeadlineFixtures.started(kafka, before, district, LocalDate.now(clock));
        escalations.await(r -> of(r, before) && "wanjia.case.opened.v1".equals(type(r)), 1);

        given().header("Authorization", Tokens.bearer("admin", district)).contentType("application/json")
                .body(Map.of("lengthDays", 10, "dayKind", "CALENDAR", "repeatEveryDays", 3,
                        "ladder", List.of(Map.of("day", 5, "level", "COMMUNITY", "recipientRole", "caseworker", "areaDigits", 6)),
                        "breach", Map.of("day", 11, "level", "CITY", "recipientRole", "supervisor", "areaDigits", 4),
                        "identification", Map.of("verify", 5, "review", 3, "posting", 8, "confirm", 4)))
                .put("/api/v1/policies/{prefix}", district).then().statusCode(200).body("lengthDays", equalTo(10))
                .body("identification.verify", equalTo(5));
        given().header("Authorization", Tokens.bearer("admin", district)).queryParam("district", district).get("/api/v1/policies/effective")
                .then().statusCode(200).body("identification.posting", equalTo(8));
        UUID after = UUID.randomUUID();
        DeadlineFixtures.started(kafka, after, district, LocalDate.now(clock));
        escalations.await(r -> of(r, after) && "wanjia.case.opened.v1".equals(type(r)), 1);

        assertThat(caseOf(before, district).get("lastDay").asText()).isEqualTo(LocalDate.now(clock).plusDays(19).toString());
        assertThat(caseOf(after, district).get("lastDay").asText()).isEqualTo(LocalDate.now(clock).plusDays(9).toString());
        assertThat(caseOf(after, district).get("steps").findValuesAsText("day")).containsExactly("5", "11");
        given().header("Authorization", Tokens.bearer("admin", district)).delete("/api/v1/policies/{prefix}", district)
                .then().statusCode(204);
    }

    /**
     * A case keeps the policy it opened under by the hash of its content, each distinct policy stored once (issue #20: it
     * was a copy in every case row), and is still judged by that policy after the district's changes.
     */
    @Test
    void shouldStoreEachPolicyOnceAndJudgeEveryCaseByThePolicyItOpenedUnder() {
        String district = "210122"; // 辽中: no other test sets a policy there
        LocalDate today = LocalDate.now(clock);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        DeadlineFixtures.started(kafka, first, district, today);
        DeadlineFixtures.started(kafka, second, district, today);
        escalations.await(r -> (of(r, first) || of(r, second)) && "wanjia.case.opened.v1".equals(type(r)), 2);
        given().header("Authorization", Tokens.bearer("admin", district)).contentType("application/json")
                .body(Map.of("lengthDays", 10, "dayKind", "CALENDAR", "repeatEveryDays", 3,
                        "ladder", List.of(Map.of("day", 5, "level", "COMMUNITY", "recipientRole", "caseworker", "areaDigits", 6)),
                        "breach", Map.of("day", 11, "level", "CITY", "recipientRole", "supervisor", "areaDigits", 4)))
                .put("/api/v1/policies/{prefix}", district).then().statusCode(200);
        try {
            UUID after = UUID.randomUUID();
            DeadlineFixtures.started(kafka, after, district, today);
            escalations.await(r -> of(r, after) && "wanjia.case.opened.v1".equals(type(r)), 1);

            List<String> named = QuarkusTransaction.requiringNew().call(() -> List.of(first, second, after).stream()
                    .map(h -> (String) em.createNativeQuery("SELECT policy_id FROM assistance_case WHERE household_id = ?1")
                            .setParameter(1, h).getSingleResult()).toList());
            assertThat(named.get(0)).isEqualTo(named.get(1)).isNotEqualTo(named.get(2));
            long stored = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "SELECT count(*) FROM case_policy WHERE id IN (?1, ?2)").setParameter(1, named.get(0)).setParameter(2, named.get(2))
                    .getSingleResult()).longValue());
            assertThat(stored).isEqualTo(2);

            // A placement on day 15 meets the standard 20 days the first case opened under, and is late for the 10 days of the
            // case opened after the change.
            DeadlineFixtures.ended(kafka, first, district, ZeroEmploymentEnded.Reason.PLACED, today.plusDays(14));
            DeadlineFixtures.ended(kafka, after, district, ZeroEmploymentEnded.Reason.PLACED, today.plusDays(14));
            escalations.await(r -> (of(r, first) || of(r, after)) && "wanjia.case.closed.v1".equals(type(r)), 2);
            assertThat(caseOf(first, district).get("outcome").asText()).isEqualTo("MET");
            assertThat(caseOf(after, district).get("outcome").asText()).isEqualTo("MET_LATE");
        } finally {
            given().header("Authorization", Tokens.bearer("admin", district)).delete("/api/v1/policies/{prefix}", district)
                    .then().statusCode(204);
        }
    }

    @Test
    void shouldRefuseAPolicyWhoseLadderOutrunsItsLengthOrLiesOutsideTheArea() {
        Map<String, Object> body = Map.of("lengthDays", 10, "dayKind", "WORKING", "repeatEveryDays", 5,
                "ladder", List.of(Map.of("day", 15, "level", "STREET", "recipientRole", "supervisor", "areaDigits", 6)),
                "breach", Map.of("day", 11, "level", "CITY", "recipientRole", "supervisor", "areaDigits", 4));
        given().header("Authorization", Tokens.bearer("admin", "2101")).contentType("application/json").body(body)
                .put("/api/v1/policies/{prefix}", "210112").then().statusCode(400).body("field", equalTo("ladder"));
        given().header("Authorization", Tokens.bearer("admin", "2102")).contentType("application/json").body(body)
                .put("/api/v1/policies/{prefix}", "210112").then().statusCode(403).body("field", equalTo("areaPrefix"));
        given().header("Authorization", Tokens.bearer("supervisor", "2101")).get("/api/v1/policies").then().statusCode(403);
    }

    private long inboxIdOf(UUID household, String area) {
        String body = given().header("Authorization", Tokens.bearer("supervisor", area)).queryParam("size", 500)
                .get("/api/v1/escalations").then().statusCode(200).extract().asString();
        for (JsonNode item : json(body).get("items")) {
            if (item.get("householdId").asText().equals(household.toString())) {
                return item.get("id").asLong();
            }
        }
        throw new AssertionError("no alert for " + household);
    }
}
