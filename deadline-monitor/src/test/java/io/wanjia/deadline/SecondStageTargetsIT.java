package io.wanjia.deadline;

import static io.restassured.RestAssured.given;
import static io.wanjia.deadline.DeadlineFixtures.json;
import static io.wanjia.deadline.DeadlineFixtures.of;
import static io.wanjia.deadline.DeadlineFixtures.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

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
import io.wanjia.contracts.Gender;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.household.MemberChanged;
import io.wanjia.contracts.household.MemberSummary;
import io.wanjia.contracts.household.ZeroEmploymentEnded;

/**
 * Second-stage targets after the first placement (issue #17), switched on by policy in 沈阳市法库县 (210124, no other test's):
 * 双就业 opened by the first member in work and closed by a second counted member in stable work; a placement in unstable
 * work made stable within its limit; and, where no policy turns them on, no such case at all.
 */
@QuarkusTest
class SecondStageTargetsIT {

    private static final String FAKU = "210124", HEPING = "210102";
    private static final String OPENED = "wanjia.case.opened.v1", CLOSED = "wanjia.case.closed.v1";

    @Inject
    AdjustableClock clock;

    KafkaTestClient kafka;
    KafkaTestClient.Watch escalations;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        escalations = kafka.watch(Topics.ESCALATION_EVENTS);
        policy("DOUBLE_EMPLOYMENT", 90);
        policy("UNSTABLE_TO_STABLE", 60);
    }

    @AfterEach
    void tearDown() {
        for (String target : List.of("DOUBLE_EMPLOYMENT", "UNSTABLE_TO_STABLE")) {
            given().header("Authorization", Tokens.bearer("admin", FAKU)).queryParam("target", target)
                    .delete("/api/v1/policies/{prefix}", FAKU).then().statusCode(204);
        }
        escalations.close();
        kafka.close();
    }

    @Test
    void shouldOpenDoubleEmploymentAtTheFirstPlacementAndCloseItAtTheSecondMemberInStableWork() {
        UUID household = UUID.randomUUID(), first = UUID.randomUUID(), second = UUID.randomUUID();
        LocalDate day1 = LocalDate.now(clock).minusDays(40);
        DeadlineFixtures.started(kafka, household, FAKU, day1);
        memberChanged(household, FAKU, first, "EMPLOYED_STABLE", "PLACEMENT", day1.plusDays(9), 1);
        DeadlineFixtures.ended(kafka, household, FAKU, ZeroEmploymentEnded.Reason.PLACED, day1.plusDays(9));

        JsonNode pair = json(await(household, r -> OPENED.equals(type(r)) && json(r.value()).path("target").asText().equals("DOUBLE_EMPLOYMENT")).value());
        assertThat(pair.get("since").asText()).isEqualTo(day1.plusDays(9).toString());
        assertThat(pair.get("lengthDays").asInt()).isEqualTo(90);
        assertThat(closedOf(household, null).get("outcome").asText()).as("the promise itself").isEqualTo("MET");

        memberChanged(household, FAKU, second, "EMPLOYED_STABLE", "LABOUR_REPORT", day1.plusDays(39), 2);

        JsonNode closed = closedOf(household, "DOUBLE_EMPLOYMENT");
        assertThat(closed.get("caseId").asText()).isEqualTo(pair.get("caseId").asText());
        assertThat(closed.get("outcome").asText()).isEqualTo("MET");
        assertThat(closed.get("days").asInt()).isEqualTo(31);
    }

    @Test
    void shouldGiveAnUnstablePlacementItsLimitToBecomeStable() {
        UUID household = UUID.randomUUID(), member = UUID.randomUUID();
        LocalDate day1 = LocalDate.now(clock).minusDays(50);
        DeadlineFixtures.started(kafka, household, FAKU, day1);
        escalations.await(r -> of(r, household) && OPENED.equals(type(r)), 1);
        // Placed in flexible work below the stable rule: the household stays zero-employment, the member gets 60 days.
        memberChanged(household, FAKU, member, "EMPLOYED_UNSTABLE", "PLACEMENT", day1.plusDays(5), 0);

        JsonNode opened = json(await(household, r -> OPENED.equals(type(r)) && json(r.value()).path("target").asText().equals("UNSTABLE_TO_STABLE")).value());
        assertThat(opened.get("memberId").asText()).isEqualTo(member.toString());
        assertThat(opened.get("since").asText()).isEqualTo(day1.plusDays(5).toString());

        memberChanged(household, FAKU, member, "EMPLOYED_STABLE", "LABOUR_REPORT", day1.plusDays(45), 1);
        JsonNode closed = closedOf(household, "UNSTABLE_TO_STABLE");
        assertThat(closed.get("outcome").asText()).isEqualTo("MET");
        assertThat(closed.get("days").asInt()).as("stable on its 41st day of 60").isEqualTo(41);
    }

    @Test
    void shouldWithdrawAMembersTargetWhenTheHouseholdLeavesTheProgrammeAndNotReopenItOnAReplay() {
        UUID household = UUID.randomUUID(), member = UUID.randomUUID();
        LocalDate day1 = LocalDate.now(clock).minusDays(30);
        DeadlineFixtures.started(kafka, household, FAKU, day1);
        escalations.await(r -> of(r, household) && OPENED.equals(type(r)), 1);
        DeadlineFixtures.Sent placed = DeadlineFixtures.publish(kafka, household, new MemberChanged(household, FAKU,
                new MemberSummary(member, 40, Gender.MALE, "EMPLOYED_UNSTABLE", true), "CHANGED", "PLACEMENT", day1.plusDays(3), 0));
        await(household, r -> OPENED.equals(type(r)) && json(r.value()).path("target").asText().equals("UNSTABLE_TO_STABLE"));

        DeadlineFixtures.ended(kafka, household, FAKU, ZeroEmploymentEnded.Reason.EXITED, day1.plusDays(20));

        JsonNode withdrawn = closedOf(household, "UNSTABLE_TO_STABLE");
        assertThat(withdrawn.get("outcome").asText()).isEqualTo("WITHDRAWN");
        assertThat(closedOf(household, null).get("outcome").asText()).isEqualTo("WITHDRAWN");
        // The placement read again opens nothing: the member's target of that day exists (closed).
        kafka.send(Topics.HOUSEHOLD_EVENTS, household.toString(), placed.headers(), placed.value());
        DeadlineFixtures.started(kafka, household, FAKU, day1.plusDays(25)); // a marker: read after the replay
        escalations.await(r -> of(r, household) && OPENED.equals(type(r)), 3);
        assertThat(DeadlineFixtures.caseCount(household, FAKU)).as("promise, target, next promise").isEqualTo(3);
    }

    @Test
    void shouldOpenNoSecondStageCaseWhereNoPolicyTurnsItOn() {
        UUID household = UUID.randomUUID(), member = UUID.randomUUID();
        LocalDate day1 = LocalDate.now(clock).minusDays(20);
        DeadlineFixtures.started(kafka, household, HEPING, day1);
        memberChanged(household, HEPING, member, "EMPLOYED_UNSTABLE", "PLACEMENT", day1.plusDays(2), 0);
        memberChanged(household, HEPING, member, "EMPLOYED_STABLE", "PLACEMENT", day1.plusDays(4), 1);
        DeadlineFixtures.ended(kafka, household, HEPING, ZeroEmploymentEnded.Reason.PLACED, day1.plusDays(4));

        closedOf(household, null);
        assertThat(DeadlineFixtures.caseCount(household, HEPING)).as("the promise's case only").isEqualTo(1);
    }

    private void policy(String target, int days) {
        given().header("Authorization", Tokens.bearer("admin", FAKU)).contentType("application/json").queryParam("target", target)
                .body(Map.of("lengthDays", days, "dayKind", "CALENDAR", "repeatEveryDays", 10,
                        "ladder", List.of(Map.of("day", days / 2, "level", "COMMUNITY", "recipientRole", "caseworker", "areaDigits", 6)),
                        "breach", Map.of("day", days + 1, "level", "DISTRICT", "recipientRole", "supervisor", "areaDigits", 6)))
                .put("/api/v1/policies/{prefix}", FAKU).then().statusCode(200);
    }

    private void memberChanged(UUID household, String district, UUID member, String status, String source, LocalDate on, int stableMembers) {
        DeadlineFixtures.publish(kafka, household, new MemberChanged(household, district, new MemberSummary(member, 40, Gender.MALE, status, true),
                "CHANGED", source, on, stableMembers));
    }

    private ConsumerRecord<String, String> await(UUID household, Predicate<ConsumerRecord<String, String>> what) {
        return escalations.await(r -> of(r, household) && what.test(r), 1).get(0);
    }

    /** The case-closed event of the household's promise (target null) or of a second-stage target. */
    private JsonNode closedOf(UUID household, String target) {
        return json(await(household, r -> CLOSED.equals(type(r))
                && (target == null ? !json(r.value()).hasNonNull("target") : json(r.value()).path("target").asText().equals(target))).value());
    }
}
