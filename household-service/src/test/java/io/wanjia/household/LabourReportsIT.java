package io.wanjia.household;

import static io.restassured.RestAssured.given;
import static io.wanjia.household.Fixtures.HEPING;
import static io.wanjia.household.Fixtures.adult;
import static io.wanjia.household.Fixtures.household;
import static io.wanjia.household.Fixtures.is;
import static io.wanjia.household.Fixtures.json;
import static io.wanjia.household.Fixtures.registered;
import static io.wanjia.household.Fixtures.reportHeaders;
import static io.wanjia.household.Fixtures.stableEmployment;
import static io.wanjia.household.Fixtures.unemployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.wanjia.commons.outbox.DeadLetter;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.commons.time.AdjustableClock;
import io.wanjia.contracts.Topics;
import io.wanjia.household.domain.NationalIds;
import io.wanjia.household.service.LabourReports;

/** Reports from other government systems, by Kafka and by HTTP: idempotent, dated, order-safe, kept until matched. */
@QuarkusTest
class LabourReportsIT extends WatchingHouseholdEvents {

    /** 皇姑区: another district of the same city, served by the same deployment in these tests. */
    private static final String HUANGGU = "210105";
    private static final String UNEMPLOYED = "wanjia.labour.unemployment-reported.v1";
    private static final String EMPLOYED = "wanjia.labour.employment-reported.v1";
    private static final String RECEIVED = "wanjia.household.labour-reports-received.v1";

    @Inject
    AdjustableClock time;
    @Inject
    LabourReports reports;
    @Inject
    javax.sql.DataSource dataSource;
    @Inject
    io.wanjia.commons.outbox.Housekeeping housekeeping;
    @Inject
    io.wanjia.commons.outbox.OutboxRelay relay;

    @AfterEach
    void startRelay() {
        relay.start();
    }

    @Test
    void shouldEndZeroEmploymentOnAnEmploymentReportAndApplyTheSameReportOnlyOnce() {
        Map<String, Object> member = adult(today, 45, true, "UNEMPLOYED");
        String nationalId = (String) member.get("nationalId");
        String id = registered(household(HEPING, List.of(member))).get("id").asText();
        events.await(r -> is(r, id, STARTED), 1);
        String reportId = UUID.randomUUID().toString();

        kafka.send(Topics.LABOUR_STATUS_REPORTS, nationalId, reportHeaders(reportId, EMPLOYED), stableEmployment(nationalId, today.minusDays(1)));

        JsonNode ended = json(events.await(r -> is(r, id, ENDED), 1).get(0).value());
        assertThat(ended.get("reason").asText()).isEqualTo("EMPLOYED_ELSEWHERE");
        assertThat(ended.get("on").asText()).isEqualTo(today.minusDays(1).toString());

        // The same report again, then a newer one behind it on the same key: only the newer one changes anything.
        kafka.send(Topics.LABOUR_STATUS_REPORTS, nationalId, reportHeaders(reportId, EMPLOYED), stableEmployment(nationalId, today.minusDays(1)));
        kafka.send(Topics.LABOUR_STATUS_REPORTS, nationalId, reportHeaders(UUID.randomUUID().toString(), UNEMPLOYED), unemployment(nationalId, today));

        events.await(r -> is(r, id, STARTED), 2);
        // Each report that changed the household is in its history, by the event that caused it, once.
        JsonNode history = json(given().header("Authorization", Tokens.bearer("caseworker", HEPING))
                .get("/api/v1/households/{id}/history", id).then().statusCode(200).extract().asString());
        List<JsonNode> byReports = history.findParents("action").stream()
                .filter(e -> e.get("action").asText().equals("LABOUR_REPORT")).toList();
        assertThat(byReports).hasSize(2);
        assertThat(byReports.get(0).get("actor").asText()).isEqualTo("event:/liaoning/social-insurance#" + reportId);
        assertThat(byReports.get(0).get("before").get("status").asText()).isEqualTo("ZERO_EMPLOYMENT");
        assertThat(byReports.get(0).get("after").get("status").asText()).isEqualTo("NOT_ZERO_EMPLOYMENT");
        assertThat(byReports.get(0).get("after").get("members").get(0).get("status").asText()).isEqualTo("EMPLOYED_STABLE");
        assertThat(history.toString()).doesNotContain(nationalId);
        List<ConsumerRecord<String, String>> all = events.seen();
        assertThat(all.stream().filter(r -> is(r, id, MEMBER_CHANGED))).hasSize(2);
        assertThat(all.stream().filter(r -> is(r, id, ENDED))).hasSize(1);
        HouseholdRegisterIT.assertNoNationalIdIn(all);
    }

    @Test
    void shouldStartTheClockOnTheReportsBusinessDateWhenTheReportIsLate() {
        Map<String, Object> unemployed = adult(today, 45, true, "UNEMPLOYED");
        Map<String, Object> employed = adult(today, 43, false, "EMPLOYED_STABLE");
        employed.put("statusSince", today.minusYears(3).toString());
        String id = registered(household(HEPING, List.of(unemployed, employed))).get("id").asText();
        String nationalId = (String) employed.get("nationalId");

        kafka.send(Topics.LABOUR_STATUS_REPORTS, nationalId, reportHeaders(UUID.randomUUID().toString(), UNEMPLOYED),
                unemployment(nationalId, today.minusDays(19)));

        JsonNode started = json(events.await(r -> is(r, id, STARTED), 1).get(0).value());
        assertThat(started.get("since").asText()).isEqualTo(today.minusDays(19).toString());
    }

    @Test
    void shouldKeepTheNewerFactWhenReportsArriveOutOfOrder() {
        Map<String, Object> unemployed = adult(today, 45, true, "UNEMPLOYED");
        Map<String, Object> other = adult(today, 43, false, "UNEMPLOYED");
        other.put("statusSince", today.minusDays(60).toString());
        String id = registered(household(HEPING, List.of(unemployed, other))).get("id").asText();
        events.await(r -> is(r, id, STARTED), 1);
        String nationalId = (String) other.get("nationalId");

        kafka.send(Topics.LABOUR_STATUS_REPORTS, nationalId, reportHeaders(UUID.randomUUID().toString(), EMPLOYED),
                stableEmployment(nationalId, today.minusDays(5)));
        kafka.send(Topics.LABOUR_STATUS_REPORTS, nationalId, reportHeaders(UUID.randomUUID().toString(), UNEMPLOYED),
                unemployment(nationalId, today.minusDays(10)));
        kafka.send(Topics.LABOUR_STATUS_REPORTS, nationalId, reportHeaders(UUID.randomUUID().toString(), EMPLOYED),
                stableEmployment(nationalId, today.minusDays(4)));

        await().atMost(Duration.ofSeconds(30)).until(() -> events.seen().stream().filter(r -> is(r, id, MEMBER_CHANGED)).count() >= 2);
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/households/{id}", id)
                .then().statusCode(200).body("status", equalTo("NOT_ZERO_EMPLOYMENT"))
                .body("members.statusSince", hasItem(today.minusDays(4).toString()));
        assertThat(events.seen().stream().filter(r -> is(r, id, STARTED))).hasSize(1);
        assertThat(events.seen().stream().filter(r -> is(r, id, ENDED))).hasSize(1);
    }

    @Test
    void shouldKeepAReportForAnUnregisteredPersonAndApplyItWhenTheyAreRegistered() {
        Map<String, Object> member = adult(today, 38, false, "EMPLOYED_STABLE");
        member.put("statusSince", today.minusDays(400).toString());
        String nationalId = (String) member.get("nationalId");
        String reportId = UUID.randomUUID().toString();

        publisher().headers(httpHeaders(reportId, UNEMPLOYED)).body(unemployment(nationalId, today.minusDays(3)))
                .post("/api/v1/labour-reports").then().statusCode(202).body("outcome", equalTo("ACCEPTED"));
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).queryParam("size", 500).get("/api/v1/unmatched-reports")
                .then().statusCode(200).body("items.eventId", hasItem(reportId))
                .body("items.nationalId", hasItem(nationalId.substring(0, 6) + "************"))
                .body("items.nationalId", not(hasItem(nationalId)));

        JsonNode household = registered(household(HEPING, List.of(member)));

        assertThat(household.get("status").asText()).isEqualTo("ZERO_EMPLOYMENT");
        assertThat(household.get("members").get(0).get("status").asText()).isEqualTo("UNEMPLOYED");
        assertThat(household.get("zeroEmploymentSince").asText()).isEqualTo(today.toString());
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).queryParam("size", 500).get("/api/v1/unmatched-reports")
                .then().statusCode(200).body("items.eventId", not(hasItem(reportId)));
    }

    @Test
    void shouldTakeTheSameEventByHttpAndKafkaOnce() {
        Map<String, Object> member = adult(today, 50, true, "UNEMPLOYED");
        String nationalId = (String) member.get("nationalId");
        String id = registered(household(HEPING, List.of(member))).get("id").asText();
        String reportId = UUID.randomUUID().toString();
        String body = stableEmployment(nationalId, today);

        publisher().headers(httpHeaders(reportId, EMPLOYED)).body(body).post("/api/v1/labour-reports")
                .then().statusCode(202).body("outcome", equalTo("ACCEPTED")).body("eventId", equalTo(reportId));
        publisher().headers(httpHeaders(reportId, EMPLOYED)).body(body).post("/api/v1/labour-reports")
                .then().statusCode(202).body("outcome", equalTo("DUPLICATE"));
        kafka.send(Topics.LABOUR_STATUS_REPORTS, nationalId, reportHeaders(reportId, EMPLOYED), body);
        kafka.send(Topics.LABOUR_STATUS_REPORTS, nationalId, reportHeaders(UUID.randomUUID().toString(), UNEMPLOYED), unemployment(nationalId, today));

        events.await(r -> is(r, id, STARTED), 2);
        assertThat(events.seen().stream().filter(r -> is(r, id, ENDED))).hasSize(1);
        assertThat(events.seen().stream().filter(r -> is(r, id, MEMBER_CHANGED))).hasSize(2);
        // Over HTTP the audit names the publisher's token, not only the source the publisher wrote.
        JsonNode history = json(given().header("Authorization", Tokens.bearer("caseworker", HEPING))
                .get("/api/v1/households/{id}/history", id).then().statusCode(200).extract().asString());
        assertThat(history.findParents("action").stream().filter(e -> e.get("action").asText().equals("LABOUR_REPORT"))
                .map(e -> e.get("actor").asText())).contains("test-publisher-" + HEPING + " event:/liaoning/labour-bureau#" + reportId);
    }

    @Test
    void shouldKeepNoNumberAPublisherWroteIntoAReportsFreeText() throws java.sql.SQLException {
        String stranger = NationalIds.of(today.minusYears(52), true);
        String reportId = UUID.randomUUID().toString();
        String body = Fixtures.write(Map.of("nationalId", stranger, "districtCode", HEPING, "occurredOn", today.toString(),
                "reason", "合同到期 " + stranger, "sourceRef", "SI-" + stranger));

        publisher().headers(httpHeaders(reportId, UNEMPLOYED)).body(body).post("/api/v1/labour-reports").then().statusCode(202);

        try (var connection = dataSource.getConnection(); var rows = connection.createStatement()
                .executeQuery("SELECT facts::text FROM unmatched_report WHERE event_id = '" + reportId + "'")) {
            assertThat(rows.next()).as("the report waits for its person").isTrue();
            assertThat(rows.getString(1)).doesNotContain(stranger).contains("SI-" + stranger.substring(0, 6) + "************");
        }
    }

    @Test
    void shouldCountEveryReportTakenInOnceByEitherDoorWithoutNamingAnyone() {
        LocalDate day = today.minusDays(100 + java.util.concurrent.ThreadLocalRandom.current().nextInt(3000));
        Map<String, Object> member = adult(today, 41, true, "UNEMPLOYED");
        String registeredId = (String) member.get("nationalId");
        registered(household(HEPING, List.of(member)));
        String stranger = NationalIds.of(today.minusYears(36), false);
        String byHttp = UUID.randomUUID().toString();

        publisher().headers(httpHeaders(byHttp, UNEMPLOYED)).body(unemployment(registeredId, day)).post("/api/v1/labour-reports")
                .then().statusCode(202).body("outcome", equalTo("ACCEPTED"));
        publisher().headers(httpHeaders(byHttp, UNEMPLOYED)).body(unemployment(registeredId, day)).post("/api/v1/labour-reports")
                .then().statusCode(202).body("outcome", equalTo("DUPLICATE"));
        publisher().headers(httpHeaders(UUID.randomUUID().toString(), UNEMPLOYED)).body(unemployment(stranger, day))
                .post("/api/v1/labour-reports").then().statusCode(202);
        // On one key, so in this order: the HTTP report again, a new one, a bad one, and one of the next day.
        kafka.send(Topics.LABOUR_STATUS_REPORTS, "k", reportHeaders(byHttp, UNEMPLOYED), unemployment(registeredId, day));
        kafka.send(Topics.LABOUR_STATUS_REPORTS, "k", reportHeaders(UUID.randomUUID().toString(), UNEMPLOYED), unemployment(stranger, day));
        kafka.send(Topics.LABOUR_STATUS_REPORTS, "k", reportHeaders(UUID.randomUUID().toString(), UNEMPLOYED),
                unemployment(NationalIds.withWrongCheckDigit(stranger), day));
        kafka.send(Topics.LABOUR_STATUS_REPORTS, "k", reportHeaders(UUID.randomUUID().toString(), EMPLOYED),
                stableEmployment(stranger, day.plusDays(1)));

        await().atMost(Duration.ofSeconds(30)).until(() -> received(HEPING, "EMPLOYMENT", day.plusDays(1)) == 1);
        assertThat(received(HEPING, "UNEMPLOYMENT", day)).isEqualTo(3);
        assertThat(Fixtures.eventsOf(events.seen(), RECEIVED)).allSatisfy(count -> assertThat(count.toString())
                .doesNotContain(registeredId).doesNotContain(stranger).doesNotContain("householdId").doesNotContain("nationalId"));
    }

    /** How many reports of {@code kind} dated {@code on} for {@code district} the count events seen so far add up to. */
    private int received(String district, String kind, LocalDate on) {
        int total = 0;
        for (JsonNode event : Fixtures.eventsOf(events.seen(), RECEIVED)) {
            for (JsonNode count : event.get("counts")) {
                if (count.get("districtCode").asText().equals(district) && count.get("kind").asText().equals(kind)
                        && count.get("occurredOn").asText().equals(on.toString())) {
                    total += count.get("reports").asInt();
                }
            }
        }
        return total;
    }

    @Test
    void shouldLetAPublisherChangeOnlyMembersOfHouseholdsInItsAreaAndNotTellWhoIsRegistered() {
        // A Heping household out of work; Huanggu's (210105) social-insurance system reports one of its members in work.
        Map<String, Object> member = adult(today, 41, true, "UNEMPLOYED");
        String nationalId = (String) member.get("nationalId");
        String id = registered(household(HEPING, List.of(member))).get("id").asText();
        events.await(r -> is(r, id, STARTED), 1);

        // Over HTTP: the same answer as for a person nobody registered, and nothing changes.
        publisher(HUANGGU).headers(httpHeaders(UUID.randomUUID().toString(), EMPLOYED)).body(stableEmployment(nationalId, today, HUANGGU))
                .post("/api/v1/labour-reports").then().statusCode(202).body("outcome", equalTo("ACCEPTED"));
        String stranger = NationalIds.of(today.minusYears(33), false);
        publisher(HUANGGU).headers(httpHeaders(UUID.randomUUID().toString(), EMPLOYED)).body(stableEmployment(stranger, today, HUANGGU))
                .post("/api/v1/labour-reports").then().statusCode(202).body("outcome", equalTo("ACCEPTED"));
        // Over Kafka, batched: an out-of-area report, then an in-area one behind it on the same key, about someone else.
        Map<String, Object> other = adult(today, 39, true, "UNEMPLOYED");
        String otherId = (String) other.get("nationalId");
        String second = registered(household(HEPING, List.of(other))).get("id").asText();
        String key = "area-" + UUID.randomUUID();
        kafka.send(Topics.LABOUR_STATUS_REPORTS, key, reportHeaders(UUID.randomUUID().toString(), EMPLOYED),
                stableEmployment(nationalId, today, HUANGGU));
        kafka.send(Topics.LABOUR_STATUS_REPORTS, key, reportHeaders(UUID.randomUUID().toString(), EMPLOYED),
                stableEmployment(otherId, today, HEPING));

        events.await(r -> is(r, second, ENDED), 1);
        assertThat(events.seen().stream().filter(r -> is(r, id, ENDED))).isEmpty();
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/households/" + id)
                .then().statusCode(200).body("status", equalTo("ZERO_EMPLOYMENT")).body("members[0].status", equalTo("UNEMPLOYED"));

        // A person Huanggu reported before Heping registered them: the report waits for Huanggu, not for Heping.
        Map<String, Object> later = adult(today, 36, false, "EMPLOYED_STABLE");
        later.put("statusSince", today.minusDays(400).toString());
        String laterId = (String) later.get("nationalId");
        publisher(HUANGGU).headers(httpHeaders(UUID.randomUUID().toString(), UNEMPLOYED)).body(unemployment(laterId, today.minusDays(2), HUANGGU))
                .post("/api/v1/labour-reports").then().statusCode(202);
        JsonNode registeredLater = registered(household(HEPING, List.of(later)));
        assertThat(registeredLater.get("status").asText()).isEqualTo("NOT_ZERO_EMPLOYMENT");
        assertThat(registeredLater.get("members").get(0).get("status").asText()).isEqualTo("EMPLOYED_STABLE");
    }

    @Test
    void shouldTakeAReportSentAgainAfterTheOutboxRetentionAsADuplicate() throws Exception {
        String reportId = UUID.randomUUID().toString();
        String body = unemployment(NationalIds.of(today.minusYears(39), true), today);
        publisher().headers(httpHeaders(reportId, UNEMPLOYED)).body(body).post("/api/v1/labour-reports")
                .then().statusCode(202).body("outcome", equalTo("ACCEPTED"));
        Duration moved = Duration.ofDays(20);
        time.advance(moved);
        try {
            housekeeping.purge();

            // A replay of the labour topic (kept 90 days) brings it again: taken and counted once only.
            publisher().headers(httpHeaders(reportId, UNEMPLOYED)).body(body).post("/api/v1/labour-reports")
                    .then().statusCode(202).body("outcome", equalTo("DUPLICATE"));
        } finally {
            time.advance(moved.negated());
        }
    }

    @Test
    void shouldDeleteAnUnmatchedReportOnceItIsOlderThanTheRetention() {
        String older = UUID.randomUUID().toString(), younger = UUID.randomUUID().toString();
        Duration moved = Duration.ZERO;
        try {
            publisher().headers(httpHeaders(older, UNEMPLOYED)).body(unemployment(NationalIds.of(today.minusYears(44), true), LocalDate.now(time)))
                    .post("/api/v1/labour-reports").then().statusCode(202);
            time.advance(Duration.ofDays(100));
            moved = Duration.ofDays(100);
            publisher().headers(httpHeaders(younger, UNEMPLOYED)).body(unemployment(NationalIds.of(today.minusYears(45), false), LocalDate.now(time)))
                    .post("/api/v1/labour-reports").then().statusCode(202);
            time.advance(Duration.ofDays(81));
            moved = Duration.ofDays(181);

            assertThat(reports.purgeUnmatched()).isPositive();

            given().header("Authorization", Tokens.bearer("caseworker", HEPING)).queryParam("size", 500).get("/api/v1/unmatched-reports")
                    .then().statusCode(200).body("items.eventId", not(hasItem(older))).body("items.eventId", hasItem(younger));
        } finally {
            time.advance(moved.negated());
        }
    }

    @Test
    void shouldAnswerABadReportByHttpWith400NamingTheField() {
        String bad = NationalIds.withWrongCheckDigit(NationalIds.of(today.minusYears(40), true));
        publisher().headers(httpHeaders(UUID.randomUUID().toString(), UNEMPLOYED)).body(unemployment(bad, today))
                .post("/api/v1/labour-reports").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("data.nationalId")).body("detail", not(org.hamcrest.Matchers.containsString(bad)));
        publisher().headers(Map.of("ce-specversion", "1.0", "ce-type", UNEMPLOYED, "ce-source", "/x", "ce-time", "2026-01-01T00:00:00Z"))
                .body(unemployment(NationalIds.of(today.minusYears(40), true), today))
                .post("/api/v1/labour-reports").then().statusCode(400).body("field", equalTo("ce_id"));
        publisher().headers(httpHeaders(UUID.randomUUID().toString(), UNEMPLOYED))
                .body(unemployment(NationalIds.of(today.minusYears(40), true), today.plusDays(2)))
                .post("/api/v1/labour-reports").then().statusCode(400).body("field", equalTo("data.occurredOn"));
        given().header("Authorization", Tokens.bearer("publisher", "210103")).contentType("application/json")
                .headers(httpHeaders(UUID.randomUUID().toString(), UNEMPLOYED))
                .body(unemployment(NationalIds.of(today.minusYears(40), true), today))
                .post("/api/v1/labour-reports").then().statusCode(403).body("field", equalTo("districtCode"));
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).contentType("application/json")
                .headers(httpHeaders(UUID.randomUUID().toString(), UNEMPLOYED)).body("{}")
                .post("/api/v1/labour-reports").then().statusCode(403);
    }

    @Test
    void shouldDeadLetterABadReportOnKafkaWithItsReasonAndGoOn() throws java.sql.SQLException {
        Map<String, Object> member = adult(today, 45, true, "UNEMPLOYED");
        String nationalId = (String) member.get("nationalId");
        String id = registered(household(HEPING, List.of(member))).get("id").asText();
        String bad = NationalIds.withWrongCheckDigit(NationalIds.of(today.minusYears(30), false));
        String key = "bad-" + UUID.randomUUID();

        // The relay held still, so that the copies can be seen in the outbox on their way (it deletes what it sent).
        relay.stop();
        try (KafkaTestClient.Watch dlq = kafka.watch(Topics.deadLetter(Topics.LABOUR_STATUS_REPORTS))) {
            kafka.send(Topics.LABOUR_STATUS_REPORTS, key, reportHeaders(UUID.randomUUID().toString(), UNEMPLOYED), unemployment(bad, today));
            kafka.send(Topics.LABOUR_STATUS_REPORTS, key, reportHeaders(UUID.randomUUID().toString(), UNEMPLOYED), "{\"districtCode\": 7}");
            kafka.send(Topics.LABOUR_STATUS_REPORTS, nationalId, reportHeaders(UUID.randomUUID().toString(), EMPLOYED),
                    stableEmployment(nationalId, today));

            // The outbox keeps the copies only sealed: none of its dead-letter rows gives the number back.
            List<String> kept = await("the copies in the outbox").atMost(Duration.ofSeconds(30))
                    .until(this::deadLetterRows, rows -> rows.size() >= 2);
            assertThat(kept).allSatisfy(row -> {
                assertThat(row).startsWith("sealed ").doesNotContain(bad);
                for (String part : row.split("[^A-Za-z0-9+/=]+")) {
                    if (!part.isEmpty() && part.length() % 4 == 0) {
                        assertThat(new String(java.util.Base64.getDecoder().decode(part), java.nio.charset.StandardCharsets.ISO_8859_1))
                                .doesNotContain(bad).doesNotContain("districtCode");
                    }
                }
            });
            relay.start();

            List<ConsumerRecord<String, String>> dead = dlq.await(r -> key.equals(r.key()), 2);
            assertThat(KafkaTestClient.header(dead.get(0), DeadLetter.REASON)).isEqualTo("data.nationalId has a wrong check digit (ISO 7064 MOD 11-2)");
            assertThat(KafkaTestClient.header(dead.get(1), DeadLetter.REASON)).startsWith("data.").contains("breaks the schema");
            assertThat(KafkaTestClient.header(dead.get(1), DeadLetter.CONSUMER)).isEqualTo("labour-reports");
            assertThat(dead.get(0).value()).as("the copy on the DLQ is the record as it came").contains(bad);
        }
        assertThat(events.await(r -> is(r, id, ENDED), 1)).hasSize(1);
    }

    /** The dead-letter rows of the labour topic now in the outbox: encoding, key, headers and payload as kept. */
    private List<String> deadLetterRows() throws java.sql.SQLException {
        List<String> kept = new java.util.ArrayList<>();
        try (var connection = dataSource.getConnection(); var rows = connection.createStatement().executeQuery(
                "SELECT encoding || ' ' || coalesce(event_key, '') || ' ' || headers::text || ' ' || coalesce(payload, '')"
                        + " FROM outbox_event WHERE topic = 'labour.status-reports.v1.dlq'")) {
            while (rows.next()) {
                kept.add(rows.getString(1));
            }
        }
        return kept;
    }

    private static RequestSpecification publisher() {
        return publisher(HEPING);
    }

    /** A request of a publisher whose token area is {@code area}. */
    private static RequestSpecification publisher(String area) {
        return given().header("Authorization", Tokens.bearer("publisher", area)).contentType("application/json");
    }

    private static Map<String, String> httpHeaders(String id, String type) {
        return Map.of("ce-id", id, "ce-type", type, "ce-source", "/liaoning/labour-bureau", "ce-specversion", "1.0",
                "ce-time", java.time.Instant.now().toString());
    }
}
