package io.wanjia.household;

import static io.wanjia.household.Fixtures.HEPING;
import static io.wanjia.household.Fixtures.household;
import static io.wanjia.household.Fixtures.is;
import static io.wanjia.household.Fixtures.json;
import static io.wanjia.household.Fixtures.member;
import static io.wanjia.household.Fixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.time.AdjustableClock;
import io.wanjia.contracts.Topics;
import io.wanjia.household.service.AgeingPass;

/** The passage of time changes the answer: a member turning 16, a member reaching retirement age. */
@QuarkusTest
class AgeingIT {

    private static final String STARTED = "wanjia.household.zero-employment-started.v1";
    private static final String ENDED = "wanjia.household.zero-employment-ended.v1";

    @Inject
    AdjustableClock clock;
    @Inject
    AgeingPass ageing;
    @Inject
    EntityManager em;

    KafkaTestClient kafka;
    KafkaTestClient.Watch events;
    Duration moved = Duration.ZERO;

    @BeforeEach
    void watch() {
        kafka = new KafkaTestClient();
        events = kafka.watch(Topics.HOUSEHOLD_EVENTS);
        ageing.runUpTo(LocalDate.now(clock));
    }

    @AfterEach
    void restoreTime() {
        clock.advance(moved.negated());
        // Time never runs backwards in production; after the test's jump, the pass resumes from today again.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE ageing_pass SET done_up_to = ?1")
                .setParameter(1, LocalDate.now(clock)).executeUpdate());
        events.close();
        kafka.close();
    }

    @Test
    void shouldStartZeroEmploymentWhenTheOnlyJoblessMemberTurnsSixteen() {
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> teenager = member(today, 15, 3, true, "UNEMPLOYED");
        String id = registered(household(HEPING, List.of(teenager))).get("id").asText();

        move(Duration.ofDays(3));
        int households = ageing.runUpTo(LocalDate.now(clock));

        assertThat(households).isGreaterThanOrEqualTo(1);
        JsonNode started = json(events.await(r -> is(r, id, STARTED), 1).get(0).value());
        assertThat(started.get("since").asText()).isEqualTo(today.plusDays(3).toString());
        assertThat(started.get("candidates").get(0).get("age").asInt()).isEqualTo(16);
    }

    @Test
    void shouldEndZeroEmploymentWhenTheOnlyCountedMemberReachesRetirementAge() {
        LocalDate today = LocalDate.now(clock);
        // A man born in 1966-05 retires at 60 years and 5 months: make that day two days from now.
        LocalDate birth = today.plusDays(2).minusYears(60).minusMonths(5);
        Map<String, Object> man = member(today, 60, 0, true, "UNEMPLOYED");
        String nationalId = io.wanjia.household.domain.NationalIds.of(HEPING, birth, true);
        man.put("nationalId", nationalId);
        man.put("birthDate", birth.toString());
        JsonNode household = registered(household(HEPING, List.of(man)));
        String id = household.get("id").asText();
        assertThat(household.get("members").get(0).get("retirementOn").asText()).isEqualTo(today.plusDays(2).toString());
        events.await(r -> is(r, id, STARTED), 1);

        move(Duration.ofDays(2));
        ageing.runUpTo(LocalDate.now(clock));

        JsonNode ended = json(events.await(r -> is(r, id, ENDED), 1).get(0).value());
        assertThat(ended.get("reason").asText()).isEqualTo("NO_LONGER_ELIGIBLE");
        assertThat(ended.get("on").asText()).isEqualTo(today.plusDays(2).toString());
    }

    private void move(Duration by) {
        clock.advance(by);
        moved = moved.plus(by);
    }
}
