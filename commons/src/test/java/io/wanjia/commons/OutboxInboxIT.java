package io.wanjia.commons;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.outbox.DeadLetter;
import io.wanjia.commons.outbox.OutboxGauges;
import io.wanjia.commons.outbox.OutboxRelay;
import io.wanjia.commons.testapp.LedgerConsumer;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.PoisonRecords;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.contracts.Topics;

/**
 * The outbox and the idempotent inbox against the real broker and database: an event written in one
 * transaction reaches a consumer exactly once in effect, also when it is delivered twice, when the relay was
 * down at commit time, and when the relay crashed between sending and marking; a malformed record goes to
 * the dead-letter topic with its reason and the consumer goes on.
 */
@QuarkusTest
class OutboxInboxIT {

    @Inject
    DataSource dataSource;
    @Inject
    LedgerConsumer ledger;
    @Inject
    OutboxRelay relay;
    @Inject
    OutboxGauges gauges;
    @Inject
    MeterRegistry metrics;

    KafkaTestClient kafka;
    KafkaTestClient.Watch events;

    /** The topic the test application publishes its events to and consumes them from. */
    String topic() {
        return Topics.HOUSEHOLD_EVENTS;
    }

    @BeforeEach
    void watchTopic() {
        kafka = new KafkaTestClient();
        events = kafka.watch(topic());
    }

    @AfterEach
    void close() {
        relay.start();
        events.close();
        kafka.close();
    }

    @Test
    void shouldPublishAnOutboxEventAsABinaryCloudEventKeyedByHousehold() {
        UUID household = UUID.randomUUID();

        String eventId = end(household, "PLACED");

        ConsumerRecord<String, String> record = events.await(r -> household.toString().equals(r.key()), 1).get(0);
        assertThat(KafkaTestClient.header(record, CloudEvent.ID)).isEqualTo(eventId);
        assertThat(KafkaTestClient.header(record, CloudEvent.TYPE)).isEqualTo("wanjia.household.zero-employment-ended.v1");
        assertThat(KafkaTestClient.header(record, CloudEvent.SOURCE)).isEqualTo("/wanjia/commons-test");
        assertThat(KafkaTestClient.header(record, CloudEvent.SPECVERSION)).isEqualTo("1.0");
        assertThat(Instant.parse(KafkaTestClient.header(record, CloudEvent.TIME))).isNotNull();
        assertThat(record.value()).contains("\"reason\":\"PLACED\"").contains(household.toString());
        awaitLedger(household, 1);
    }

    @Test
    void shouldApplyAnEventDeliveredTwiceOnlyOnce() {
        UUID household = UUID.randomUUID();
        end(household, "PLACED");
        ConsumerRecord<String, String> original = events.await(r -> household.toString().equals(r.key()), 1).get(0);
        awaitLedger(household, 1);

        kafka.send(topic(), original.key(), KafkaTestClient.headers(original), original.value());
        end(household, "EXITED"); // same key, same partition: applied after the duplicate

        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.reasons(household).contains("EXITED"));
        assertThat(ledger.reasons(household)).containsExactly("PLACED", "EXITED");
        assertThat(events.await(r -> household.toString().equals(r.key()), 3)).hasSize(3);
    }

    @Test
    void shouldSendWhatWasCommittedWhileTheRelayWasDown() throws SQLException {
        UUID household = UUID.randomUUID();
        relay.stop();

        String eventId = end(household, "EMPLOYED_ELSEWHERE");
        assertThat(rows(eventId)).isEqualTo(1);

        relay.start();

        awaitLedger(household, 1);
        awaitSentRowGone(eventId);
    }

    @Test
    void shouldSendAgainAfterACrashBetweenSendAndMarkYetApplyOnce() throws SQLException {
        UUID household = UUID.randomUUID();
        String eventId = end(household, "PLACED");
        awaitLedger(household, 1);
        ConsumerRecord<String, String> sent = events.await(r -> household.toString().equals(r.key()), 1).get(0);
        awaitSentRowGone(eventId);

        // The send reached Kafka but the delete never committed: the row is in the table again, as after that crash.
        relay.stop();
        insertRow(topic(), sent.key(), KafkaTestClient.headers(sent), sent.value());
        relay.start();

        List<ConsumerRecord<String, String>> copies = events.await(r -> household.toString().equals(r.key()), 2);
        assertThat(copies).extracting(r -> KafkaTestClient.header(r, CloudEvent.ID)).containsOnly(eventId);
        end(household, "EXITED");
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.reasons(household).contains("EXITED"));
        assertThat(ledger.reasons(household)).containsExactly("PLACED", "EXITED");
    }

    @Test
    void shouldDeadLetterAMalformedRecordWithItsReasonAndGoOn() {
        UUID household = UUID.randomUUID();
        try (KafkaTestClient.Watch dlq = kafka.watch(Topics.deadLetter(topic()))) {
            Map<String, String> headers = Map.of(CloudEvent.SPECVERSION, "1.0", CloudEvent.ID, UUID.randomUUID().toString(),
                    CloudEvent.TYPE, "wanjia.household.zero-employment-ended.v1", CloudEvent.SOURCE, "/test",
                    CloudEvent.TIME, Instant.now().toString());
            kafka.send(topic(), household.toString(), headers, "{not json");
            kafka.send(topic(), household.toString(), Map.of(CloudEvent.SPECVERSION, "1.0",
                    CloudEvent.ID, UUID.randomUUID().toString(), CloudEvent.TYPE, "wanjia.household.zero-employment-ended.v1",
                    CloudEvent.SOURCE, "/test", CloudEvent.TIME, Instant.now().toString()),
                    "{\"householdId\":\"" + household + "\",\"reason\":\"PLACED\",\"on\":\"2006-03-01\"}");
            end(household, "EXITED");

            List<ConsumerRecord<String, String>> dead = dlq.await(r -> household.toString().equals(r.key()), 2);
            assertThat(KafkaTestClient.header(dead.get(0), DeadLetter.REASON)).isEqualTo("data is not valid JSON");
            assertThat(KafkaTestClient.header(dead.get(1), DeadLetter.REASON)).startsWith("data.districtCode");
            assertThat(KafkaTestClient.header(dead.get(0), DeadLetter.CONSUMER)).isEqualTo("ledger");
            assertThat(KafkaTestClient.header(dead.get(0), DeadLetter.ORIGIN)).startsWith(topic() + "-");
            assertThat(dead.get(0).value()).isEqualTo("{not json");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.reasons(household).contains("EXITED"));
        assertThat(ledger.reasons(household)).containsExactly("EXITED");
    }

    @Test
    void shouldDeadLetterEveryKindOfBadRecordWithItsReasonAndStayReady() {
        UUID household = UUID.randomUUID();
        Map<String, String> headers = Map.of(CloudEvent.SPECVERSION, "1.0", CloudEvent.ID, UUID.randomUUID().toString(),
                CloudEvent.TYPE, "wanjia.household.zero-employment-ended.v1", CloudEvent.SOURCE, "/test",
                CloudEvent.TIME, Instant.now().toString());
        String value = "{\"householdId\":\"" + household + "\",\"districtCode\":\"210102\",\"reason\":\"EXITED\",\"on\":\"2006-03-01\"}";

        PoisonRecords.feed(kafka, topic(), "ledger", new PoisonRecords.Good(household.toString(), headers, value), true);

        awaitLedger(household, 1);
        assertThat(ledger.reasons(household)).containsExactly("EXITED");
    }

    /**
     * A record whose {@code ce_type} header names a type of the topic the consumer does not act on is passed over unread:
     * not recorded, not parsed, so not dead-lettered here even when its value is not JSON (the consumers that act on its
     * type hold it to the contract). A record whose header names no type of the topic is still read and dead-lettered.
     */
    @Test
    void shouldPassOverATypeTheConsumerDoesNotHandleUnreadAndStillDeadLetterARecordOfNoTypeOfTheTopic() throws SQLException {
        UUID household = UUID.randomUUID();
        String exit = UUID.randomUUID().toString();
        String broken = UUID.randomUUID().toString();
        String noType = UUID.randomUUID().toString();
        try (KafkaTestClient.Watch dlq = kafka.watch(Topics.deadLetter(topic()))) {
            // An exit, which the ledger does not follow, as the contract has it; one that is not even JSON; a record
            // whose type is none of this topic's; then an event the ledger follows, all on one key (one partition).
            kafka.send(topic(), household.toString(), exitHeaders(exit), "{\"householdId\":\"" + household
                    + "\",\"districtCode\":\"210102\",\"reason\":\"UNREACHABLE\",\"on\":\"2006-03-01\"}");
            kafka.send(topic(), household.toString(), exitHeaders(broken), "{not json");
            Map<String, String> otherTopics = new java.util.HashMap<>(exitHeaders(noType));
            otherTopics.put(CloudEvent.TYPE, "wanjia.placement.member-placed.v1");
            kafka.send(topic(), household.toString(), otherTopics, "{\"householdId\":\"" + household + "\"}");
            end(household, "PLACED");

            awaitLedger(household, 1);
            ConsumerRecord<String, String> dead = dlq.await(r -> household.toString().equals(r.key()), 1).get(0);
            assertThat(KafkaTestClient.header(dead, CloudEvent.ID)).as("the first dead letter of the key").isEqualTo(noType);
            assertThat(KafkaTestClient.header(dead, DeadLetter.REASON)).startsWith("ce_type");
        }
        assertThat(ledger.reasons(household)).containsExactly("PLACED");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM processed_event WHERE event_id IN (?, ?)")) {
            s.setString(1, exit);
            s.setString(2, broken);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1)).as("rows recorded for events the consumer passed over").isZero();
            }
        }
    }

    private static Map<String, String> exitHeaders(String id) {
        return Map.of(CloudEvent.SPECVERSION, "1.0", CloudEvent.ID, id, CloudEvent.TYPE, "wanjia.household.exited.v1",
                CloudEvent.SOURCE, "/test", CloudEvent.TIME, Instant.now().toString());
    }

    @Test
    void shouldSetAsideARowKafkaCanNeverTakeAndSendTheRowsBehindIt() throws SQLException {
        UUID household = UUID.randomUUID();
        relay.stop();
        // Larger than any Kafka record may be (the producer's max.request.size is 1 MiB).
        execute("INSERT INTO outbox_event (topic, event_key, headers, payload) VALUES ('" + topic() + "', '" + household
                + "', '{\"ce_id\": \"too-large-" + household + "\"}', repeat('x', 2000000))");
        // A dead-letter row whose bytes are not base64: it can never be read back as a record.
        execute("INSERT INTO outbox_event (topic, event_key, headers, payload, encoding) VALUES ('" + topic()
                + ".dlq', 'not base64!', '{\"ce_id\": \"unreadable-" + household + "\"}', 'not base64!', 'base64')");
        String eventId = end(household, "PLACED");
        relay.start();

        awaitLedger(household, 1);
        awaitSentRowGone(eventId);
        assertThat(failure("too-large-" + household)).startsWith("RecordTooLargeException");
        assertThat(failure("unreadable-" + household)).startsWith("the row cannot be read as a record");
        gauges.look();
        assertThat(metrics.find("wanjia.outbox.failed-rows").gauge().value()).as("failed rows an operator is shown").isGreaterThanOrEqualTo(2);
    }

    private String failure(String eventId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT failure FROM outbox_event WHERE headers->>'ce_id' = ? AND failed_at IS NOT NULL")) {
            s.setString(1, eventId);
            try (ResultSet rows = s.executeQuery()) {
                assertThat(rows.next()).as("row %s is marked failed", eventId).isTrue();
                return rows.getString(1);
            }
        }
    }

    private String end(UUID household, String reason) {
        return given().header("Authorization", Tokens.bearer("caseworker", "210102"))
                .contentType("application/json")
                .body(Map.of("districtCode", "210102", "reason", reason))
                .post("/api/v1/ledger/{id}", household)
                .then().statusCode(200)
                .extract().path("eventId");
    }

    private void awaitLedger(UUID household, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.reasons(household).size() >= count);
        assertThat(ledger.reasons(household)).hasSize(count);
    }


    /** Waits until the relay has deleted the event's row: Kafka acknowledged it, and the delete committed after that. */
    private void awaitSentRowGone(String eventId) {
        await("the sent row deleted").atMost(Duration.ofSeconds(30)).until(() -> rows(eventId) == 0);
    }

    /** Writes an outbox row as the service writes one (what a row looks like before the relay sends it). */
    private void insertRow(String topic, String key, Map<String, String> headers, String payload) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO outbox_event (topic, event_key, headers, payload) VALUES (?, ?, ?::jsonb, ?)")) {
            s.setString(1, topic);
            s.setString(2, key);
            s.setString(3, new ObjectMapper().writeValueAsString(headers));
            s.setString(4, payload);
            s.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long rows(String eventId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM outbox_event WHERE headers->>'ce_id' = ?")) {
            s.setString(1, eventId);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.executeUpdate();
        }
    }
}
