package io.wanjia.deadline;

import static io.wanjia.deadline.DeadlineFixtures.json;
import static io.wanjia.deadline.DeadlineFixtures.of;
import static io.wanjia.deadline.DeadlineFixtures.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Polled;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.IdentificationOpened;
import io.wanjia.contracts.household.IdentificationRejected;
import io.wanjia.contracts.household.IdentificationStepCompleted;
import io.wanjia.contracts.household.MemberChanged;
import io.wanjia.contracts.household.MemberSummary;
import io.wanjia.contracts.household.ZeroEmploymentEnded;
import io.wanjia.contracts.household.ZeroEmploymentEnded.Reason;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.contracts.Gender;
import io.wanjia.deadline.messaging.HouseholdEventConsumer;
import io.wanjia.deadline.service.CaseLifecycle;
import io.wanjia.deadline.service.Policies;

/**
 * The household-event consumer opens and closes the cases of a polled batch together: the result must be what
 * one by one gives — one open case per household, a close reaching a case opened earlier in the same batch, a
 * household that returns getting a new case, an identification's steps reaching a case not written yet.
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
    @Inject
    DataSource dataSource;
    @Inject
    Policies policies;
    @Inject
    CaseLifecycle cases;

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

    @Test
    void shouldInsertEachNewCaseWithItsClockSetWhenItsIdentificationOpensInTheSameBatch() throws Exception {
        // What household-service publishes, household after household, for households a batch of reports leaves without
        // work: the start, then the identification it opens. Each case is inserted once, with its clock set and its
        // identification's stage: until session 14 it was inserted without its clock and updated for it, until session 19
        // updated for the stage (each update a copy of the ~900-byte row).
        LocalDate today = LocalDate.now(clock);
        List<UUID> households = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Polled batch = new Polled(Topics.HOUSEHOLD_EVENTS);
        List<String> memberChanges = new ArrayList<>();
        for (UUID household : households) {
            memberChanges.add(add(batch, household, new MemberChanged(household, HEPING, new MemberSummary(UUID.randomUUID(), 40,
                    Gender.MALE, "UNEMPLOYED", true), "CHANGED", "LABOUR_REPORT", today, 0)));
            add(batch, household, started(household, today));
            add(batch, household, new IdentificationOpened(UUID.randomUUID(), household, HEPING, IdentificationOpened.Source.MONITORING,
                    today, true, "ALL_COUNTED_MEMBERS_OUT_OF_STABLE_WORK"));
        }

        double split = Polled.splitsWhenCaughtUp(metrics, "household-events", "household-events");
        boolean membersFollowed = QuarkusTransaction.requiringNew().call(() -> policies.anySecondStage() || cases.anyOpenTarget());
        consumer.consume(batch.records());
        assertThat(Polled.splits(metrics, "household-events")).as("applied as one batch").isEqualTo(split);

        for (UUID household : households) {
            escalations.await(r -> of(r, household) && OPENED.equals(type(r)), 1);
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement("""
                            SELECT c.version, c.identification_stage, c.deadline_at IS NOT NULL,
                                   (SELECT count(*) FROM case_step s WHERE s.case_id = c.id AND s.identification_stage = 'VERIFY')
                            FROM assistance_case c WHERE c.household_id = ?""")) {
                select.setObject(1, household);
                try (ResultSet row = select.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString(2)).as("stage").isEqualTo("VERIFY");
                    assertThat(row.getBoolean(3)).as("deadline set").isTrue();
                    assertThat(row.getLong(4)).as("the verification's sub-deadline").isEqualTo(1);
                    assertThat(row.getLong(1)).as("updates after the insert").isZero();
                }
            }
        }
        // A member's change matters only while a second-stage target is followed (a policy turns one on, or a target's case
        // is still open, as earlier tests on this database may leave): the inbox records it then, and only then.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM processed_event WHERE event_id = ANY(?)")) {
            select.setArray(1, connection.createArrayOf("text", memberChanges.toArray()));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                assertThat(row.getLong(1)).as("members' changes recorded as processed, members followed: %s", membersFollowed)
                        .isEqualTo(membersFollowed ? memberChanges.size() : 0);
            }
        }
    }

    @Test
    void shouldCarryWhatABatchDoesToTheCasesItOpensIntoTheirOneInsert() throws Exception {
        // Cases opened by a batch are written at its end (NewCases): an identification's steps, its rejection and a
        // placement later in the same batch reach them in memory, with the result one by one would give.
        LocalDate today = LocalDate.now(clock);
        UUID rejected = UUID.randomUUID(), reviewed = UUID.randomUUID(), placed = UUID.randomUUID();
        UUID rejectedId = UUID.randomUUID(), reviewedId = UUID.randomUUID();
        Polled batch = new Polled(Topics.HOUSEHOLD_EVENTS);
        add(batch, started(rejected, today));
        add(batch, rejected, new IdentificationOpened(rejectedId, rejected, HEPING, IdentificationOpened.Source.MONITORING, today, true,
                "ALL_COUNTED_MEMBERS_OUT_OF_STABLE_WORK"));
        add(batch, rejected, new IdentificationRejected(rejectedId, rejected, HEPING, "VERIFY", "VERIFICATION_FAILED", today));
        add(batch, started(reviewed, today));
        add(batch, reviewed, new IdentificationOpened(reviewedId, reviewed, HEPING, IdentificationOpened.Source.MONITORING, today, true,
                "ALL_COUNTED_MEMBERS_OUT_OF_STABLE_WORK"));
        add(batch, reviewed, new IdentificationStepCompleted(reviewedId, reviewed, HEPING, "VERIFY", "VERIFIED", "REVIEW", today, null));
        add(batch, started(placed, today));
        add(batch, new ZeroEmploymentEnded(placed, HEPING, Reason.PLACED, today));

        double split = Polled.splitsWhenCaughtUp(metrics, "household-events", "household-events");
        consumer.consume(batch.records());
        assertThat(Polled.splits(metrics, "household-events")).as("applied as one batch").isEqualTo(split);

        assertThat(row(rejected, "c.status, c.outcome, c.identification_stage, c.version")).containsExactly("CLOSED", "WITHDRAWN", "REJECTED", "0");
        assertThat(stepStates(rejected)).as("the ladder's and the verification's steps").hasSizeGreaterThan(1).containsOnly("CANCELLED");
        assertThat(DeadlineFixtures.caseOf(rejected, HEPING).get("timeline").findValuesAsText("type"))
                .containsExactly("OPENED", "IDENTIFICATION_OPENED", "IDENTIFICATION_REJECTED", "CLOSED");

        assertThat(row(reviewed, "c.status, c.identification_stage, c.version")).containsExactly("OPEN", "REVIEW", "0");
        assertThat(row(reviewed, "(SELECT string_agg(s.identification_stage || ' ' || s.state, ', ' ORDER BY s.seq) FROM case_step s"
                + " WHERE s.case_id = c.id AND s.identification_stage IS NOT NULL)")).containsExactly("VERIFY CANCELLED, REVIEW PENDING");

        assertThat(row(placed, "c.status, c.outcome, c.version")).containsExactly("CLOSED", "MET", "0");
        assertThat(stepStates(placed)).isNotEmpty().containsOnly("CANCELLED");
    }

    /** {@code columns} of the household's case ({@code c}) as text. */
    private List<String> row(UUID household, String columns) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + columns + " FROM assistance_case c WHERE c.household_id = ?")) {
            select.setObject(1, household);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("a case of %s", household).isTrue();
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    values.add(row.getString(i));
                }
                assertThat(row.next()).as("one case of %s", household).isFalse();
                return values;
            }
        }
    }

    /** The states of the steps of the household's cases. */
    private List<String> stepStates(UUID household) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT s.state FROM case_step s JOIN assistance_case c ON c.id = s.case_id WHERE c.household_id = ?")) {
            select.setObject(1, household);
            List<String> states = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    states.add(rows.getString(1));
                }
            }
            return states;
        }
    }

    private static ZeroEmploymentStarted started(UUID household, LocalDate since) {
        return new ZeroEmploymentStarted(household, HEPING, since, "STANDARD",
                List.of(new Candidate(UUID.randomUUID(), 45, Gender.MALE, "JUNIOR_MIDDLE", List.of("welding"))));
    }

    private static void add(Polled batch, Record payload) {
        add(batch, payload instanceof ZeroEmploymentStarted s ? s.householdId() : ((ZeroEmploymentEnded) payload).householdId(), payload);
    }

    /** Adds {@code payload} as an event of {@code household} to the batch; returns its {@code ce_id}. */
    private static String add(Polled batch, UUID household, Record payload) {
        Map<String, String> headers = DeadlineFixtures.headers(payload);
        batch.add(household.toString(), headers, DeadlineFixtures.write(payload));
        return headers.get(CloudEvent.ID);
    }
}
