package io.wanjia.deadline;

import static io.wanjia.deadline.DeadlineFixtures.caseCount;
import static io.wanjia.deadline.DeadlineFixtures.caseOf;
import static io.wanjia.deadline.DeadlineFixtures.headers;
import static io.wanjia.deadline.DeadlineFixtures.started;
import static io.wanjia.deadline.DeadlineFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.PoisonRecords;
import io.wanjia.contracts.Gender;
import io.wanjia.contracts.JobKind;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.GraduateRegistered;
import io.wanjia.contracts.household.HouseholdExited;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.contracts.placement.OfferMade;

/**
 * No record stops deadline-monitor's consumers: every kind of bad record on each topic it reads goes to the
 * topic's dead-letter twin with its reason, the service stays ready, and the good record after them has its
 * effect (a case opens; an offer reaches the case's timeline).
 */
@QuarkusTest
class PoisonRecordsIT {

    private static final String HEPING = "210102";
    /** 瓦房店市: no other test of this service writes there, so a household's case is found on the first page. */
    private static final String WAFANGDIAN = "210281";

    @Inject
    Clock clock;

    KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void shouldDeadLetterEveryKindOfBadHouseholdEventAndOpenTheCaseAfterThem() {
        UUID household = UUID.randomUUID();
        var started = new ZeroEmploymentStarted(household, HEPING, LocalDate.now(clock), "STANDARD",
                List.of(new Candidate(UUID.randomUUID(), 45, Gender.MALE, "JUNIOR_MIDDLE", List.of("welding"))));
        var good = new PoisonRecords.Good(household.toString(), headers(started), write(started));

        PoisonRecords.feed(kafka, Topics.HOUSEHOLD_EVENTS, "household-events", good, true);

        await().atMost(Duration.ofSeconds(30)).until(() -> caseCount(household, HEPING) == 1);
    }

    @Test
    void shouldDeadLetterEveryKindOfBadExitAndWithdrawTheGraduatesCaseAfterThem() {
        // The path issue #17 added: graduate-registered opens a member's case, household-exited (read with the members'
        // changes) withdraws it. Every bad record of that type comes first; the consumer goes on to the good one.
        UUID household = UUID.randomUUID();
        LocalDate today = LocalDate.now(clock);
        DeadlineFixtures.publish(kafka, household, new GraduateRegistered(household, WAFANGDIAN, UUID.randomUUID(), today.minusDays(30),
                today, "GRADUATE_FAMILY", List.of(GraduateRegistered.Ground.MINIMUM_LIVING_ALLOWANCE)));
        await().atMost(Duration.ofSeconds(30)).until(() -> caseCount(household, WAFANGDIAN) == 1);
        var exited = new HouseholdExited(household, WAFANGDIAN, "BUSINESS_INCOME", today);
        var good = new PoisonRecords.Good(household.toString(), headers(exited), write(exited));

        PoisonRecords.feed(kafka, Topics.HOUSEHOLD_EVENTS, "household-events", good, true);

        await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(caseOf(household, WAFANGDIAN).get("status").asText()));
        assertThat(caseOf(household, WAFANGDIAN).get("outcome").asText()).isEqualTo("WITHDRAWN");
    }

    @Test
    void shouldDeadLetterEveryKindOfBadPlacementEventAndNoteTheGoodOneAfterThem() {
        UUID household = UUID.randomUUID();
        started(kafka, household, HEPING, LocalDate.now(clock));
        await().atMost(Duration.ofSeconds(30)).until(() -> caseCount(household, HEPING) == 1);
        var offer = new OfferMade(UUID.randomUUID(), household, HEPING, UUID.randomUUID(), UUID.randomUUID(), JobKind.PUBLIC_WELFARE,
                "和平区环卫所", new BigDecimal("2100"), LocalDate.now(clock));
        var good = new PoisonRecords.Good(household.toString(), headers(offer), write(offer));

        PoisonRecords.feed(kafka, Topics.PLACEMENT_EVENTS, "placement-events", good, true);

        await().atMost(Duration.ofSeconds(30)).until(() -> caseOf(household, HEPING).get("timeline").findValuesAsText("type")
                .contains("OFFER_MADE"));
    }
}
