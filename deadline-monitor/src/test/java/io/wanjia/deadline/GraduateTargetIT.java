package io.wanjia.deadline;

import static io.restassured.RestAssured.given;
import static io.wanjia.deadline.DeadlineFixtures.json;
import static io.wanjia.deadline.DeadlineFixtures.of;
import static io.wanjia.deadline.DeadlineFixtures.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
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
import io.wanjia.contracts.household.GraduateRegistered;
import io.wanjia.contracts.household.HouseholdExited;
import io.wanjia.contracts.household.MemberChanged;
import io.wanjia.contracts.household.MemberSummary;
import io.wanjia.contracts.household.ZeroEmploymentEnded;

/**
 * The member-level GRADUATE target (issue #17), on by default with its built-in 60 days, in 大连市长海县 (210224, no other
 * test's): a graduate in need opens a case of their own that escalates like any case and closes by that member's changes
 * only — MET in stable work, WITHDRAWN when removed or when the household leaves the programme; a district's policy changes it.
 */
@QuarkusTest
class GraduateTargetIT {

    private static final String CHANGHAI = "210224";
    private static final String OPENED = "wanjia.case.opened.v1", ESCALATED = "wanjia.case.escalated.v1", CLOSED = "wanjia.case.closed.v1";

    @Inject
    AdjustableClock clock;

    KafkaTestClient kafka;
    KafkaTestClient.Watch escalations;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        escalations = kafka.watch(Topics.ESCALATION_EVENTS);
        // Just after midnight in Shanghai, so "day N" is unambiguous while time moves in whole days.
        var now = clock.instant().atZone(clock.getZone());
        clock.set(now.toLocalDate().plusDays(1).atTime(LocalTime.of(0, 5)).atZone(clock.getZone()).toInstant());
    }

    @AfterEach
    void tearDown() {
        escalations.close();
        kafka.close();
    }

    @Test
    void shouldOpenAGraduatesCaseEscalateItWhenDueAndCloseItMetOnlyWhenThatMemberIsInStableWork() {
        UUID household = UUID.randomUUID(), graduate = UUID.randomUUID(), father = UUID.randomUUID();
        LocalDate day1 = LocalDate.now(clock);
        registered(household, graduate, day1.minusDays(40), day1);

        JsonNode opened = json(await(household, r -> OPENED.equals(type(r))).value());
        assertThat(opened.get("target").asText()).isEqualTo("GRADUATE");
        assertThat(opened.get("memberId").asText()).isEqualTo(graduate.toString());
        assertThat(opened.get("since").asText()).isEqualTo(day1.toString());
        assertThat(opened.get("clockFrom").asText()).as("registered after graduating: from the registration").isEqualTo(day1.toString());
        assertThat(opened.get("lengthDays").asInt()).as("the built-in policy").isEqualTo(60);
        assertThat(opened.get("cohort").asText()).isEqualTo("GRADUATE_FAMILY");

        clock.advance(Duration.ofDays(29)); // day 30
        JsonNode escalated = json(await(household, r -> ESCALATED.equals(type(r))).value());
        assertThat(escalated.get("level").asText()).isEqualTo("COMMUNITY");
        assertThat(escalated.get("day").asInt()).isEqualTo(30);
        assertThat(escalated.get("target").asText()).isEqualTo("GRADUATE");

        // Another member in work, and the graduate in unstable work, leave the graduate's target open ...
        memberChanged(household, father, "EMPLOYED_STABLE", "LABOUR_REPORT", day1.plusDays(29), true);
        memberChanged(household, graduate, "EMPLOYED_UNSTABLE", "PLACEMENT", day1.plusDays(29), true);
        // ... the graduate in stable work meets it.
        memberChanged(household, graduate, "EMPLOYED_STABLE", "PLACEMENT", day1.plusDays(30), true);

        JsonNode closed = json(await(household, r -> CLOSED.equals(type(r))).value());
        assertThat(closed.get("caseId").asText()).isEqualTo(opened.get("caseId").asText());
        assertThat(closed.get("target").asText()).isEqualTo("GRADUATE");
        assertThat(closed.get("outcome").asText()).isEqualTo("MET");
        assertThat(closed.get("closedOn").asText()).as("by the graduate's own change").isEqualTo(day1.plusDays(30).toString());
        assertThat(closed.get("days").asInt()).isEqualTo(31);
        assertThat(escalations.seen().stream().filter(r -> of(r, household) && CLOSED.equals(type(r)))).hasSize(1);
        JsonNode c = DeadlineFixtures.caseOf(household, CHANGHAI);
        assertThat(c.get("target").asText()).isEqualTo("GRADUATE");
        assertThat(c.get("steps").findValuesAsText("state")).containsExactly("FIRED", "CANCELLED", "CANCELLED", "CANCELLED");
        assertThat(c.get("steps").get(0).get("target").asText()).as("an alert says whose promise it is").isEqualTo("GRADUATE");
        assertThat(c.get("steps").get(0).get("memberId").asText()).isEqualTo(graduate.toString());
    }

    @Test
    void shouldKeepOneCasePerGraduateAndWithdrawItWhenTheMemberIsRemoved() {
        UUID household = UUID.randomUUID(), graduate = UUID.randomUUID();
        LocalDate today = LocalDate.now(clock);
        registered(household, graduate, today.minusDays(200), today.minusDays(5));
        JsonNode opened = json(await(household, r -> OPENED.equals(type(r))).value());
        assertThat(opened.get("clockFrom").asText()).isEqualTo(today.minusDays(5).toString());

        registered(household, graduate, today.minusDays(200), today.minusDays(2)); // a new need while one is open: the same case
        DeadlineFixtures.publish(kafka, household, new MemberChanged(household, CHANGHAI,
                new MemberSummary(graduate, 23, Gender.FEMALE, "UNEMPLOYED", true), "REMOVED", "REST", today, 0));

        JsonNode closed = json(await(household, r -> CLOSED.equals(type(r))).value());
        assertThat(closed.get("outcome").asText()).isEqualTo("WITHDRAWN");
        assertThat(escalations.seen().stream().filter(r -> of(r, household) && OPENED.equals(type(r)))).hasSize(1);
        assertThat(DeadlineFixtures.caseCount(household, CHANGHAI)).isEqualTo(1);
    }

    @Test
    void shouldWithdrawAGraduatesCaseWhenTheHouseholdLeavesTheProgramme() {
        UUID household = UUID.randomUUID(), graduate = UUID.randomUUID();
        LocalDate today = LocalDate.now(clock);
        DeadlineFixtures.started(kafka, household, CHANGHAI, today.minusDays(3));
        registered(household, graduate, today.minusDays(90), today.minusDays(3));
        await(household, r -> OPENED.equals(type(r)) && "GRADUATE".equals(json(r.value()).path("target").asText()));

        DeadlineFixtures.ended(kafka, household, CHANGHAI, ZeroEmploymentEnded.Reason.EXITED, today);

        JsonNode withdrawn = json(await(household, r -> CLOSED.equals(type(r)) && "GRADUATE".equals(json(r.value()).path("target").asText())).value());
        assertThat(withdrawn.get("outcome").asText()).isEqualTo("WITHDRAWN");
    }

    @Test
    void shouldJudgeABackDatedPlacementByTheDayItWasRecorded() {
        UUID household = UUID.randomUUID(), graduate = UUID.randomUUID();
        LocalDate day1 = LocalDate.now(clock).minusDays(70);
        registered(household, graduate, day1.minusDays(20), day1);
        await(household, r -> OPENED.equals(type(r)));

        // Placed from day 11 (in time for the 60 days) but entered only on day 66: late, as the household's promise judges it.
        DeadlineFixtures.publish(kafka, household, new MemberChanged(household, CHANGHAI,
                new MemberSummary(graduate, 23, Gender.FEMALE, "EMPLOYED_STABLE", true), "CHANGED", "PLACEMENT", day1.plusDays(10), 1,
                day1.plusDays(65)));

        JsonNode closed = json(await(household, r -> CLOSED.equals(type(r))).value());
        assertThat(closed.get("outcome").asText()).isEqualTo("MET_LATE");
        assertThat(closed.get("closedOn").asText()).as("the business date stays the start").isEqualTo(day1.plusDays(10).toString());
        assertThat(closed.get("days").asInt()).as("counted to the day it was recorded").isEqualTo(66);
    }

    @Test
    void shouldKeepAGraduatesCaseWhenTheHouseholdStopsBeingEligibleWithoutWork() {
        // The household's promise ends without work (a member retired, another moved out): its own targets go with it, but
        // the graduate's need is the member's — household-service still counts them (a 低保 household) — so it stays open.
        UUID household = UUID.randomUUID(), graduate = UUID.randomUUID();
        LocalDate today = LocalDate.now(clock);
        DeadlineFixtures.started(kafka, household, CHANGHAI, today.minusDays(3));
        registered(household, graduate, today.minusDays(90), today.minusDays(3));
        JsonNode opened = json(await(household, r -> OPENED.equals(type(r)) && "GRADUATE".equals(json(r.value()).path("target").asText())).value());

        DeadlineFixtures.ended(kafka, household, CHANGHAI, ZeroEmploymentEnded.Reason.NO_LONGER_ELIGIBLE, today);

        JsonNode promise = json(await(household, r -> CLOSED.equals(type(r)) && json(r.value()).path("target").isNull()).value());
        assertThat(promise.get("outcome").asText()).isEqualTo("WITHDRAWN");
        // Closed in the same transaction as the promise, it would be on the topic by now: it is not, and the case is open.
        assertThat(escalations.seen().stream().filter(r -> of(r, household) && CLOSED.equals(type(r))
                && "GRADUATE".equals(json(r.value()).path("target").asText()))).isEmpty();
        given().header("Authorization", Tokens.bearer("supervisor", CHANGHAI)).get("/api/v1/cases/{id}", opened.get("caseId").asText())
                .then().statusCode(200).body("status", equalTo("OPEN"));
    }

    @Test
    void shouldWithdrawTheTargetsOfAHouseholdInWorkThatExits() {
        // A 低保 household with a member in work (never zero-employment): its exit publishes no zero-employment-ended,
        // only household-exited — which must still withdraw the graduate's case, or it would escalate for ever.
        UUID household = UUID.randomUUID(), graduate = UUID.randomUUID();
        LocalDate today = LocalDate.now(clock);
        registered(household, graduate, today.minusDays(30), today.minusDays(4));
        await(household, r -> OPENED.equals(type(r)));

        DeadlineFixtures.publish(kafka, household, new HouseholdExited(household, CHANGHAI, "UNREACHABLE", today));

        JsonNode withdrawn = json(await(household, r -> CLOSED.equals(type(r))).value());
        assertThat(withdrawn.get("target").asText()).isEqualTo("GRADUATE");
        assertThat(withdrawn.get("outcome").asText()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.get("closedOn").asText()).isEqualTo(today.toString());
        JsonNode c = json(given().header("Authorization", Tokens.bearer("supervisor", CHANGHAI))
                .get("/api/v1/cases/{id}", withdrawn.get("caseId").asText()).then().statusCode(200).extract().asString());
        assertThat(c.get("status").asText()).isEqualTo("CLOSED");
        assertThat(c.get("timeline").toString()).contains("LEFT_THE_PROGRAMME: EXITED UNREACHABLE");
    }

    @Test
    void shouldLetADistrictsPolicyChangeTheGraduatesDays() {
        given().header("Authorization", Tokens.bearer("admin", "210102")).queryParam("district", "210102").queryParam("target", "GRADUATE")
                .get("/api/v1/policies/effective").then().statusCode(200).body("lengthDays", equalTo(60)).body("target", equalTo("GRADUATE"));
        given().header("Authorization", Tokens.bearer("admin", CHANGHAI)).contentType("application/json").queryParam("target", "GRADUATE")
                .body(Map.of("lengthDays", 30, "dayKind", "CALENDAR", "repeatEveryDays", 7,
                        "ladder", List.of(Map.of("day", 20, "level", "COMMUNITY", "recipientRole", "caseworker", "areaDigits", 6)),
                        "breach", Map.of("day", 31, "level", "DISTRICT", "recipientRole", "supervisor", "areaDigits", 6)))
                .put("/api/v1/policies/{prefix}", CHANGHAI).then().statusCode(200);
        try {
            UUID household = UUID.randomUUID(), graduate = UUID.randomUUID();
            registered(household, graduate, LocalDate.now(clock).minusDays(10), LocalDate.now(clock));
            assertThat(json(await(household, r -> OPENED.equals(type(r))).value()).get("lengthDays").asInt()).isEqualTo(30);
            memberChanged(household, graduate, "STUDENT", "REST", LocalDate.now(clock), false); // leaves nothing open behind
            assertThat(json(await(household, r -> CLOSED.equals(type(r))).value()).get("outcome").asText()).isEqualTo("WITHDRAWN");
        } finally {
            given().header("Authorization", Tokens.bearer("admin", CHANGHAI)).queryParam("target", "GRADUATE")
                    .delete("/api/v1/policies/{prefix}", CHANGHAI).then().statusCode(204);
        }
    }

    private void registered(UUID household, UUID member, LocalDate graduatedOn, LocalDate registeredOn) {
        DeadlineFixtures.publish(kafka, household, new GraduateRegistered(household, CHANGHAI, member, graduatedOn, registeredOn,
                "GRADUATE_FAMILY", List.of(GraduateRegistered.Ground.MINIMUM_LIVING_ALLOWANCE)));
    }

    private void memberChanged(UUID household, UUID member, String status, String source, LocalDate on, boolean counted) {
        DeadlineFixtures.publish(kafka, household, new MemberChanged(household, CHANGHAI, new MemberSummary(member, 23, Gender.FEMALE, status, counted),
                "CHANGED", source, on, "EMPLOYED_STABLE".equals(status) ? 1 : 0));
    }

    private ConsumerRecord<String, String> await(UUID household, Predicate<ConsumerRecord<String, String>> what) {
        return escalations.await(r -> of(r, household) && what.test(r), 1).get(0);
    }
}
