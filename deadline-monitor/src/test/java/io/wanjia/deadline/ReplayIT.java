package io.wanjia.deadline;

import static io.restassured.RestAssured.given;
import static io.wanjia.deadline.DeadlineFixtures.caseOf;
import static io.wanjia.deadline.DeadlineFixtures.caseCount;
import static io.wanjia.deadline.DeadlineFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.outbox.OutboxRelay;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Polled;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.commons.time.AdjustableClock;
import io.wanjia.contracts.JobKind;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.household.ZeroEmploymentEnded.Reason;
import io.wanjia.contracts.placement.OfferMade;
import io.wanjia.deadline.messaging.HouseholdEventConsumer;
import io.wanjia.deadline.messaging.PlacementEventConsumer;

/**
 * A consumer group replayed from offset 0 after the processed-event log was purged (issue #15, item 8: ids are kept
 * 14 days, the household and placement topics for ever) changes nothing: no case opens again, none closes, no
 * step, escalation event, webhook delivery or timeline entry is added — whether the old records come as one poll or
 * one by one.
 */
@QuarkusTest
class ReplayIT {

    private static final String KANGPING = "210123";

    @Inject
    AdjustableClock clock;
    @Inject
    DataSource database;
    @Inject
    HouseholdEventConsumer householdEvents;
    @Inject
    PlacementEventConsumer placementEvents;
    @Inject
    OutboxRelay relay;

    KafkaTestClient kafka;
    HttpServer receiver;
    final AtomicInteger delivered = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        kafka = new KafkaTestClient();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/alerts", exchange -> {
            delivered.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        relay.start();
        receiver.stop(0);
        kafka.close();
    }

    @Test
    void shouldChangeNothingWhenTheTopicsAreReplayedFromOffsetZeroAfterTheProcessedEventsWerePurged() throws Exception {
        String subscription = given().header("Authorization", Tokens.bearer("admin", KANGPING)).contentType("application/json")
                .body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts", "areaPrefix", KANGPING,
                        "minLevel", "COMMUNITY", "secret", "replay-shared-secret-0123"))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        LocalDate today = LocalDate.now(clock);
        // Placed: its case closed long ago (COMMUNITY fired, an offer on its timeline).
        UUID placed = UUID.randomUUID();
        DeadlineFixtures.started(kafka, placed, KANGPING, today.minusDays(12));
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered.get() == 1); // COMMUNITY
        offer(placed, today.minusDays(3));
        awaitTimeline(placed, "OFFER_MADE");
        DeadlineFixtures.ended(kafka, placed, KANGPING, Reason.PLACED, today.minusDays(1));
        // Returned: its first case breached and was withdrawn, its second is open (an offer on its timeline).
        UUID returned = UUID.randomUUID();
        DeadlineFixtures.started(kafka, returned, KANGPING, today.minusDays(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered.get() == 2); // CITY
        DeadlineFixtures.ended(kafka, returned, KANGPING, Reason.EXITED, today.minusDays(6));
        DeadlineFixtures.started(kafka, returned, KANGPING, today.minusDays(5));
        await().atMost(Duration.ofSeconds(30)).until(() -> caseCount(returned, KANGPING) == 2);
        offer(returned, today);
        awaitTimeline(returned, "OFFER_MADE");
        // Open: STREET fired; a second start (another event id) changed nothing.
        UUID open = UUID.randomUUID();
        DeadlineFixtures.started(kafka, open, KANGPING, today.minusDays(16));
        DeadlineFixtures.started(kafka, open, KANGPING, today.minusDays(16));
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered.get() == 3); // STREET
        await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(caseOf(placed, KANGPING).get("status").asText()));
        kafka.awaitCaughtUp(ConfigProvider.getConfig().getValue("mp.messaging.incoming.household-events.group.id", String.class),
                List.of(Topics.HOUSEHOLD_EVENTS, Topics.PLACEMENT_EVENTS), Duration.ofSeconds(60));
        Set<String> households = Set.of(placed.toString(), returned.toString(), open.toString());
        List<String> before = cases(households);
        assertThat(before).hasSize(4);
        // The relay deletes what it sent: held still, the outbox keeps whatever the replay would publish.
        relay.stop();
        long outboxBefore = count("SELECT count(*) FROM outbox_event WHERE event_key = ANY(?)", households);
        long deliveriesBefore = count("SELECT count(*) FROM webhook_delivery WHERE subscription_id = CAST(? AS uuid)", subscription);

        execute("DELETE FROM processed_event WHERE consumer IN ('household-events', 'placement-events')"); // 14 days later
        List<ConsumerRecord<String, String>> householdRecords = fromOffsetZero(Topics.HOUSEHOLD_EVENTS, households);
        List<ConsumerRecord<String, String>> placementRecords = fromOffsetZero(Topics.PLACEMENT_EVENTS, households);
        assertThat(householdRecords).as("records of these households from offset 0").hasSize(7);
        assertThat(placementRecords).as("their placement records from offset 0").hasSize(2);
        householdEvents.consume(poll(Topics.HOUSEHOLD_EVENTS, householdRecords).records());
        placementEvents.consume(poll(Topics.PLACEMENT_EVENTS, placementRecords).records());
        execute("DELETE FROM processed_event WHERE consumer IN ('household-events', 'placement-events')");
        for (ConsumerRecord<String, String> record : householdRecords) {
            householdEvents.consume(poll(Topics.HOUSEHOLD_EVENTS, List.of(record)).records());
        }
        for (ConsumerRecord<String, String> record : placementRecords) {
            placementEvents.consume(poll(Topics.PLACEMENT_EVENTS, List.of(record)).records());
        }

        assertThat(cases(households)).as("cases, their steps and timelines").containsExactlyElementsOf(before);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE event_key = ANY(?)", households)).as("events published")
                .isEqualTo(outboxBefore);
        assertThat(count("SELECT count(*) FROM webhook_delivery WHERE subscription_id = CAST(? AS uuid)", subscription))
                .as("webhook deliveries").isEqualTo(deliveriesBefore);
    }

    private void offer(UUID household, LocalDate on) {
        DeadlineFixtures.publish(kafka, household, new OfferMade(UUID.randomUUID(), household, KANGPING, UUID.randomUUID(),
                UUID.randomUUID(), JobKind.PUBLIC_WELFARE, "康平县环卫所", new BigDecimal("2100"), on));
    }

    /** Waits until the household's open case has an entry of {@code type} on its timeline. */
    private static void awaitTimeline(UUID household, String type) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode cases = json(given().header("Authorization", Tokens.bearer("supervisor", KANGPING)).queryParam("status", "OPEN")
                    .queryParam("size", 500).get("/api/v1/cases").then().statusCode(200).extract().asString()).get("items");
            for (JsonNode c : cases) {
                if (c.get("householdId").asText().equals(household.toString())) {
                    return json(given().header("Authorization", Tokens.bearer("supervisor", KANGPING)).get("/api/v1/cases/{id}",
                            c.get("id").asText()).then().statusCode(200).extract().asString()).get("timeline")
                            .findValuesAsText("type").contains(type);
                }
            }
            return false;
        });
    }

    /** Each case of the households as one line: status, outcome, day 1, each step's id and state, the timeline's length. */
    private List<String> cases(Set<String> households) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement("""
                SELECT c.household_id || ' ' || c.id || ' ' || c.status || ' ' || coalesce(c.outcome, '-') || ' ' || c.since
                    || ' steps ' || (SELECT string_agg(s.id || ':' || s.state, ',' ORDER BY s.id) FROM case_step s WHERE s.case_id = c.id)
                    || ' timeline ' || (SELECT count(*) FROM case_event e WHERE e.case_id = c.id)
                FROM assistance_case c WHERE c.household_id::text = ANY(?) ORDER BY c.household_id, c.opened_at""")) {
            statement.setArray(1, connection.createArrayOf("text", households.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
        }
        return lines;
    }

    /** The records of {@code households} on {@code topic}, read from offset 0 of every partition to its end. */
    private static List<ConsumerRecord<String, String>> fromOffsetZero(String topic, Set<String> households) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            assertThat(consumer.beginningOffsets(partitions).values()).as("the topic keeps every record").containsOnly(0L);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read to the end within 60 s").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key() != null && households.contains(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }

    private static Polled poll(String topic, List<ConsumerRecord<String, String>> records) {
        Polled polled = new Polled(topic);
        records.forEach(r -> polled.add(r.key(), KafkaTestClient.headers(r), r.value()));
        return polled;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }

    private long count(String sql, Object parameter) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter instanceof Set<?> values) {
                Array array = connection.createArrayOf("text", values.toArray());
                statement.setArray(1, array);
            } else {
                statement.setObject(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
