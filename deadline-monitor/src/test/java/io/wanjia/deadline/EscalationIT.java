package io.wanjia.deadline;

import static io.restassured.RestAssured.given;
import static io.wanjia.deadline.DeadlineFixtures.caseOf;
import static io.wanjia.deadline.DeadlineFixtures.json;
import static io.wanjia.deadline.DeadlineFixtures.of;
import static io.wanjia.deadline.DeadlineFixtures.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.commons.time.AdjustableClock;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.household.ZeroEmploymentEnded.Reason;
import io.wanjia.deadline.service.EscalationEngine;

/**
 * The 20-day promise with time moved by the injected clock: every step fires once — across a restart, after
 * downtime, beside a second instance, and when the opening event arrives twice; placements close cases MET or
 * MET_LATE; a late case fires only its highest step.
 */
@QuarkusTest
class EscalationIT {

    private static final String OPENED = "wanjia.case.opened.v1";
    private static final String ESCALATED = "wanjia.case.escalated.v1";
    private static final String BREACHED = "wanjia.case.deadline-breached.v1";
    private static final String CLOSED = "wanjia.case.closed.v1";
    private static final String HEPING = "210102";

    @Inject
    AdjustableClock clock;
    @Inject
    EscalationEngine engine;
    @Inject
    DataSource database;

    KafkaTestClient kafka;
    KafkaTestClient.Watch escalations;

    @BeforeEach
    void watch() {
        kafka = new KafkaTestClient();
        escalations = kafka.watch(Topics.ESCALATION_EVENTS);
        // Start each test just after midnight in Shanghai, so "day N" is unambiguous while time moves in whole days.
        var now = clock.instant().atZone(clock.getZone());
        clock.set(now.toLocalDate().plusDays(1).atTime(LocalTime.of(0, 5)).atZone(clock.getZone()).toInstant());
    }

    @AfterEach
    void close() {
        engine.start();
        escalations.close();
        kafka.close();
    }

    @Test
    void shouldFireEachStepOnceAcrossARestartDowntimeASecondInstanceAndADuplicateEvent() throws Exception {
        UUID household = UUID.randomUUID();
        LocalDate day1 = LocalDate.now(clock);
        DeadlineFixtures.Sent started = DeadlineFixtures.started(kafka, household, HEPING, day1);
        escalations.await(r -> of(r, household) && OPENED.equals(type(r)), 1);
        // The same event delivered again opens nothing new.
        kafka.send(Topics.HOUSEHOLD_EVENTS, household.toString(), started.headers(), started.value());

        clock.advance(Duration.ofDays(9)); // day 10
        assertLevels(household, ESCALATED, "COMMUNITY");

        engine.stop(); // a restart between steps
        clock.advance(Duration.ofDays(5)); // day 15
        engine.start();
        assertLevels(household, ESCALATED, "COMMUNITY", "STREET");

        engine.stop(); // downtime across day 18 and the deadline
        clock.advance(Duration.ofDays(6)); // day 21
        engine.start();
        assertLevels(household, ESCALATED, "COMMUNITY", "STREET", "DISTRICT");
        assertLevels(household, BREACHED, "CITY");

        // A second instance sweeping at the same time as this one.
        ExecutorService second = Executors.newFixedThreadPool(2);
        clock.advance(Duration.ofDays(5)); // day 26: the breach repeats
        List<Future<Integer>> sweeps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sweeps.add(second.submit(() -> engine.fireDue(100)));
        }
        for (Future<Integer> sweep : sweeps) {
            sweep.get();
        }
        second.shutdown();
        assertLevels(household, BREACHED, "CITY", "CITY");

        DeadlineFixtures.ended(kafka, household, HEPING, Reason.PLACED, LocalDate.now(clock));
        List<ConsumerRecord<String, String>> all = escalations.await(r -> of(r, household) && CLOSED.equals(type(r)), 1);
        all = escalations.seen().stream().filter(r -> of(r, household)).toList();
        assertThat(all).extracting(DeadlineFixtures::type)
                .containsExactly(OPENED, ESCALATED, ESCALATED, ESCALATED, BREACHED, BREACHED, CLOSED);
        List<JsonNode> breaches = all.stream().filter(r -> BREACHED.equals(type(r))).map(r -> json(r.value())).toList();
        assertThat(breaches).extracting(b -> b.get("day").asInt()).containsExactly(21, 26);
        assertThat(breaches).extracting(b -> b.get("area").asText()).containsOnly("2101");
        JsonNode closed = json(all.get(all.size() - 1).value());
        assertThat(closed.get("outcome").asText()).isEqualTo("MET_LATE");
        assertThat(closed.get("days").asInt()).isEqualTo(26);
        assertThat(DeadlineFixtures.caseCount(household, HEPING)).isEqualTo(1);
    }

    @Test
    void shouldCloseMetOnDay12AndFireNothingAfter() {
        UUID household = UUID.randomUUID();
        LocalDate day1 = LocalDate.now(clock);
        DeadlineFixtures.started(kafka, household, HEPING, day1);
        escalations.await(r -> of(r, household) && OPENED.equals(type(r)), 1);

        clock.advance(Duration.ofDays(11)); // day 12
        assertLevels(household, ESCALATED, "COMMUNITY");
        DeadlineFixtures.ended(kafka, household, HEPING, Reason.PLACED, day1.plusDays(11));
        JsonNode closed = json(escalations.await(r -> of(r, household) && CLOSED.equals(type(r)), 1).get(0).value());
        assertThat(closed.get("outcome").asText()).isEqualTo("MET");
        assertThat(closed.get("days").asInt()).isEqualTo(12);

        clock.advance(Duration.ofDays(15)); // past every remaining step
        engine.fireDue(1000);

        JsonNode c = caseOf(household, HEPING);
        assertThat(c.get("status").asText()).isEqualTo("CLOSED");
        assertThat(c.get("steps").findValuesAsText("state")).containsExactly("FIRED", "CANCELLED", "CANCELLED", "CANCELLED");
        assertThat(escalations.seen().stream().filter(r -> of(r, household))).extracting(DeadlineFixtures::type)
                .containsExactly(OPENED, ESCALATED, CLOSED);
    }

    @Test
    void shouldCloseMetLateOnDay23() {
        UUID household = UUID.randomUUID();
        LocalDate day1 = LocalDate.now(clock);
        DeadlineFixtures.started(kafka, household, HEPING, day1);
        escalations.await(r -> of(r, household) && OPENED.equals(type(r)), 1);

        clock.advance(Duration.ofDays(22)); // day 23
        assertLevels(household, BREACHED, "CITY");
        DeadlineFixtures.ended(kafka, household, HEPING, Reason.EMPLOYED_ELSEWHERE, day1.plusDays(22));

        JsonNode closed = json(escalations.await(r -> of(r, household) && CLOSED.equals(type(r)), 1).get(0).value());
        assertThat(closed.get("outcome").asText()).isEqualTo("MET_LATE");
        assertThat(closed.get("days").asInt()).isEqualTo(23);
    }

    @Test
    void shouldFireOnlyTheHighestDueStepOfACaseThatArrivesLate() {
        UUID household = UUID.randomUUID();
        LocalDate since = LocalDate.now(clock).minusDays(18); // today is day 19

        DeadlineFixtures.started(kafka, household, HEPING, since);

        List<ConsumerRecord<String, String>> fired = escalations.await(r -> of(r, household) && ESCALATED.equals(type(r)), 1);
        JsonNode escalated = json(fired.get(0).value());
        assertThat(escalated.get("level").asText()).isEqualTo("DISTRICT");
        assertThat(escalated.get("day").asInt()).isEqualTo(18);
        JsonNode c = caseOf(household, HEPING);
        assertThat(c.get("day").asInt()).isEqualTo(19);
        assertThat(c.get("steps").findValuesAsText("state")).containsExactly("SKIPPED", "SKIPPED", "FIRED", "PENDING");
        assertThat(c.get("timeline").get(0).get("detail").get("skipped").toString()).contains("COMMUNITY day 10", "STREET day 15");

        clock.advance(Duration.ofDays(2)); // the deadline passes: the breach still fires
        assertLevels(household, BREACHED, "CITY");
        assertThat(escalations.seen().stream().filter(r -> of(r, household) && ESCALATED.equals(type(r)))).hasSize(1);
    }

    @Test
    void shouldWithdrawACaseWhenTheHouseholdExitsAndOpenANewOneWhenItReturns() {
        UUID household = UUID.randomUUID();
        LocalDate day1 = LocalDate.now(clock).minusDays(3);
        DeadlineFixtures.started(kafka, household, HEPING, day1);
        DeadlineFixtures.ended(kafka, household, HEPING, Reason.EXITED, day1.plusDays(1));
        JsonNode closed = json(escalations.await(r -> of(r, household) && CLOSED.equals(type(r)), 1).get(0).value());
        assertThat(closed.get("outcome").asText()).isEqualTo("WITHDRAWN");

        // A new episode has a new day 1 (a start for day 1 again is the same, closed episode: see ReplayIT).
        DeadlineFixtures.started(kafka, household, HEPING, LocalDate.now(clock));

        List<ConsumerRecord<String, String>> opened = escalations.await(r -> of(r, household) && OPENED.equals(type(r)), 2);
        assertThat(json(opened.get(0).value()).get("caseId")).isNotEqualTo(json(opened.get(1).value()).get("caseId"));
    }

    @Test
    void shouldFireAPassOfSeveralCasesTogetherAndQueueEachAlertForExactlyTheSubscriptionsThatWantIt() throws Exception {
        String sujiatun = "210111";
        String hunnan = "210112";
        String everyLevel = subscribe(sujiatun, "COMMUNITY");
        String streetAndAbove = subscribe(hunnan, "STREET");
        try {
            UUID inSujiatun = UUID.randomUUID();
            UUID inHunnan = UUID.randomUUID();
            DeadlineFixtures.started(kafka, inSujiatun, sujiatun, LocalDate.now(clock));
            DeadlineFixtures.started(kafka, inHunnan, hunnan, LocalDate.now(clock));
            escalations.await(r -> (of(r, inSujiatun) || of(r, inHunnan)) && OPENED.equals(type(r)), 2);

            engine.stop();
            clock.advance(Duration.ofDays(14)); // day 15: the COMMUNITY (day 10) and STREET (day 15) steps of both are due
            assertThat(engine.fireDue(1000)).isGreaterThanOrEqualTo(4); // one pass (other tests' cases may be due too)

            assertLevels(inSujiatun, ESCALATED, "COMMUNITY", "STREET");
            assertLevels(inHunnan, ESCALATED, "COMMUNITY", "STREET");
            assertThat(caseOf(inSujiatun, sujiatun).get("currentLevel").asText()).isEqualTo("STREET");
            assertThat(caseOf(inHunnan, hunnan).get("currentLevel").asText()).isEqualTo("STREET");
            assertThat(caseOf(inHunnan, hunnan).get("steps").findValuesAsText("state")).containsExactly("FIRED", "FIRED", "PENDING", "PENDING");
            List<String> queued = deliveries(inSujiatun, inHunnan);
            assertThat(queued).containsExactlyInAnyOrder(everyLevel + " " + inSujiatun + " COMMUNITY 10",
                    everyLevel + " " + inSujiatun + " STREET 5", streetAndAbove + " " + inHunnan + " STREET 5");
        } finally {
            unsubscribe(everyLevel);
            unsubscribe(streetAndAbove);
        }
    }

    @Test
    void shouldFireBesideATransactionThatIsWritingTheCasesTimeline() throws Exception {
        UUID household = UUID.randomUUID();
        String caseId = caseWithTheCommunityStepDue(household);

        ExecutorService pass = Executors.newSingleThreadExecutor();
        try (Connection other = database.getConnection()) {
            // A placement event's timeline entry for the same case, not committed yet: its foreign key holds KEY SHARE on the
            // case row. A pass changes no key of the case, so it must not wait for this transaction.
            other.setAutoCommit(false);
            try (PreparedStatement note = other.prepareStatement(
                    "INSERT INTO case_event (case_id, at, type, detail) VALUES (CAST(? AS uuid), now(), 'OFFER_MADE', '{}')")) {
                note.setString(1, caseId);
                note.executeUpdate();
            }
            Future<Integer> fired = pass.submit(() -> engine.fireDue(1000));
            try {
                assertThat(fired.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1);
            } finally {
                other.rollback();
            }
        } finally {
            pass.shutdownNow();
        }
        assertLevels(household, ESCALATED, "COMMUNITY");
    }

    @Test
    void shouldLeaveAStepWhoseCaseAnotherTransactionHoldsAndNeverDeadlockWithIt() throws Exception {
        // A consumer's batch may change a case (Hibernate flushes its identification's stage before a native statement)
        // and then cancel that case's met step. A pass that had claimed the step and waited for the case made a cycle:
        // PostgreSQL broke it after deadlock_timeout by failing one of the two. A pass now leaves such a case's steps for
        // a later one.
        UUID household = UUID.randomUUID();
        String caseId = caseWithTheCommunityStepDue(household);
        long step;
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM case_step WHERE case_id = CAST(? AS uuid) AND state = 'PENDING' AND due_at <= ? ORDER BY due_at LIMIT 1")) {
            select.setString(1, caseId);
            select.setTimestamp(2, java.sql.Timestamp.from(clock.instant()));
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("a due step").isTrue();
                step = row.getLong(1);
            }
        }

        ExecutorService pass = Executors.newSingleThreadExecutor();
        try (Connection consumer = database.getConnection()) {
            consumer.setAutoCommit(false);
            try (PreparedStatement change = consumer.prepareStatement(
                    "UPDATE assistance_case SET identification_stage = 'REVIEW' WHERE id = CAST(? AS uuid)")) {
                change.setString(1, caseId);
                change.executeUpdate();
            }
            Future<Integer> fired = pass.submit(() -> engine.fireDue(1000));
            // Until the pass is done — or, as before, waits for the case while it holds the step.
            await().atMost(Duration.ofSeconds(30)).until(() -> fired.isDone() || passWaitsForACase());
            try (PreparedStatement cancel = consumer.prepareStatement("UPDATE case_step SET state = 'CANCELLED' WHERE id = ? AND state = 'PENDING'")) {
                cancel.setLong(1, step);
                assertThat(cancel.executeUpdate()).as("the consumer cancels the step the pass left").isEqualTo(1);
            } finally {
                consumer.rollback(); // (the test's consumer changes nothing in the end)
            }
            fired.get(30, TimeUnit.SECONDS); // and the pass ended without an error
        } finally {
            pass.shutdownNow();
        }
        assertThat(escalations.seen().stream().filter(r -> of(r, household) && ESCALATED.equals(type(r)))).isEmpty();
        engine.fireDue(1000); // the next pass fires it
        assertLevels(household, ESCALATED, "COMMUNITY");
    }

    /** Opens a case of {@code household} today, stops the engine and moves to day 10, when its COMMUNITY step is due; its id. */
    private String caseWithTheCommunityStepDue(UUID household) {
        DeadlineFixtures.started(kafka, household, HEPING, LocalDate.now(clock));
        escalations.await(r -> of(r, household) && OPENED.equals(type(r)), 1);
        String caseId = caseOf(household, HEPING).get("id").asText();
        engine.stop();
        clock.advance(Duration.ofDays(9));
        return caseId;
    }

    /** Whether some session waits for a row lock in the pass's statement that locks cases. */
    private boolean passWaitsForACase() throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement("""
                SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FROM assistance_case WHERE id = ANY%'""");
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1) > 0;
        }
    }

    private static String subscribe(String area, String minLevel) {
        return given().header("Authorization", Tokens.bearer("admin", "2101")).contentType("application/json")
                .body(Map.of("url", "http://127.0.0.1:9/alerts", "areaPrefix", area, "minLevel", minLevel,
                        "secret", "a-long-shared-secret-for-tests"))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
    }

    private static void unsubscribe(String id) {
        given().header("Authorization", Tokens.bearer("admin", "2101")).delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
    }

    /** Each queued delivery of the households' steps: subscription, household, level of its data and days left in its alert. */
    private List<String> deliveries(UUID... households) throws SQLException {
        List<String> queued = new ArrayList<>();
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement("""
                SELECT d.subscription_id, c.household_id, d.payload FROM webhook_delivery d
                JOIN case_step s ON s.id = d.step_id JOIN assistance_case c ON c.id = s.case_id
                WHERE c.household_id = ANY(?)""")) {
            select.setArray(1, connection.createArrayOf("uuid", households));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    JsonNode payload = json(rows.getString(3));
                    queued.add(rows.getString(1) + " " + rows.getString(2) + " " + payload.get("data").get("level").asText() + " "
                            + payload.get("alert").get("daysLeft").asInt());
                }
            }
        }
        return queued;
    }

    private void assertLevels(UUID household, String eventType, String... levels) {
        List<ConsumerRecord<String, String>> records = escalations.await(r -> of(r, household) && eventType.equals(type(r)), levels.length);
        assertThat(records).extracting(r -> json(r.value()).get("level").asText()).containsExactly(levels);
    }

}
