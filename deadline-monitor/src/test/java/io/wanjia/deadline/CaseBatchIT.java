package io.wanjia.deadline;

import static io.wanjia.deadline.DeadlineFixtures.json;
import static io.wanjia.deadline.DeadlineFixtures.of;
import static io.wanjia.deadline.DeadlineFixtures.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Polled;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.ZeroEmploymentEnded;
import io.wanjia.contracts.household.ZeroEmploymentEnded.Reason;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.contracts.Gender;
import io.wanjia.deadline.messaging.HouseholdEventConsumer;

/**
 * The household-event consumer opens and closes the cases of a polled batch together: the result must be what
 * one by one gives — one open case per household, a close reaching a case opened earlier in the same batch, a
 * household that returns getting a new case.
 */
@QuarkusTest
class CaseBatchIT {

    private static final String OPENED = "wanjia.case.opened.v1";
    private static final String CLOSED = "wanjia.case.closed.v1";
    private static final String HEPING = "210102";

    @Inject
    HouseholdEventConsumer consumer;
    @Inject
    MeterRegistry metrics;
    @Inject
    Clock clock;

    KafkaTestClient kafka;
    KafkaTestClient.Watch escalations;

    @BeforeEach
    void watch() {
        kafka = new KafkaTestClient();
        escalations = kafka.watch(Topics.ESCALATION_EVENTS);
    }

    @AfterEach
    void close() {
        escalations.close();
        kafka.close();
    }

    @Test
    void shouldOpenAndCloseABatchAsIfOneByOne() {
        LocalDate today = LocalDate.now(clock);
        UUID twice = UUID.randomUUID();
        UUID returns = UUID.randomUUID();
        UUID neverOpened = UUID.randomUUID();
        Polled batch = new Polled(Topics.HOUSEHOLD_EVENTS);
        add(batch, started(twice, today));
        add(batch, started(twice, today)); // a second start (another event id) opens nothing new
        add(batch, started(returns, today.minusDays(2)));
        add(batch, new ZeroEmploymentEnded(returns, HEPING, Reason.EXITED, today.minusDays(1)));
        add(batch, started(returns, today)); // a new episode: a new day 1
        add(batch, new ZeroEmploymentEnded(neverOpened, HEPING, Reason.PLACED, today));

        double split = Polled.splitsWhenCaughtUp(metrics, "household-events", "household-events");
        consumer.consume(batch.records());
        assertThat(Polled.splits(metrics, "household-events")).as("applied as one batch").isEqualTo(split);

        List<ConsumerRecord<String, String>> returned = escalations.await(r -> of(r, returns) && OPENED.equals(type(r)), 2);
        assertThat(json(returned.get(0).value()).get("caseId")).isNotEqualTo(json(returned.get(1).value()).get("caseId"));
        ConsumerRecord<String, String> closed = escalations.await(r -> of(r, returns) && CLOSED.equals(type(r)), 1).get(0);
        assertThat(json(closed.value()).get("outcome").asText()).isEqualTo("WITHDRAWN");
        assertThat(json(closed.value()).get("caseId")).isEqualTo(json(returned.get(0).value()).get("caseId"));
        escalations.await(r -> of(r, twice) && OPENED.equals(type(r)), 1);
        assertThat(DeadlineFixtures.caseCount(twice, HEPING)).isEqualTo(1);
        assertThat(DeadlineFixtures.caseCount(returns, HEPING)).isEqualTo(2);
        assertThat(DeadlineFixtures.caseCount(neverOpened, HEPING)).isZero();
        assertThat(DeadlineFixtures.caseOf(twice, HEPING).get("timeline").findValuesAsText("type")).containsExactly("OPENED");
    }

    private static ZeroEmploymentStarted started(UUID household, LocalDate since) {
        return new ZeroEmploymentStarted(household, HEPING, since, "STANDARD",
                List.of(new Candidate(UUID.randomUUID(), 45, Gender.MALE, "JUNIOR_MIDDLE", List.of("welding"))));
    }

    private static void add(Polled batch, Record payload) {
        UUID household = payload instanceof ZeroEmploymentStarted s ? s.householdId() : ((ZeroEmploymentEnded) payload).householdId();
        batch.add(household.toString(), DeadlineFixtures.headers(payload), DeadlineFixtures.write(payload));
    }
}
