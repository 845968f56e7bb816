package io.wanjia.deadline;

import static io.restassured.RestAssured.given;
import static io.wanjia.deadline.DeadlineFixtures.caseOf;
import static io.wanjia.deadline.DeadlineFixtures.json;
import static io.wanjia.deadline.DeadlineFixtures.of;
import static io.wanjia.deadline.DeadlineFixtures.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

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
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.deadline.service.EscalationEngine;

/**
 * A relocated shantytown household (棚改回迁) gets the built-in policy of its cohort: 60 calendar days from the day it moved
 * back, with its own ladder — on day 45 it is at the street office, not breached; on day 61 it is breached — unless a
 * policy is set for the cohort. Written for 沈阳市大东区 (210104), where no other test sets a policy for the cohort.
 */
@QuarkusTest
class CohortPolicyIT {

    private static final String DADONG = "210104";
    private static final String BREACHED = "wanjia.case.deadline-breached.v1";
    private static final String ESCALATED = "wanjia.case.escalated.v1";

    @Inject
    AdjustableClock clock;
    @Inject
    EscalationEngine engine;

    KafkaTestClient kafka;
    KafkaTestClient.Watch escalations;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        escalations = kafka.watch(Topics.ESCALATION_EVENTS);
    }

    @AfterEach
    void tearDown() {
        escalations.close();
        kafka.close();
    }

    @Test
    void shouldGiveARelocatedHouseholdSixtyDaysFromMovingBack() {
        UUID household = UUID.randomUUID();
        LocalDate today = LocalDate.now(clock);
        LocalDate detected = today.minusDays(10), movedBack = today.minusDays(5); // found while still relocated
        DeadlineFixtures.publish(kafka, household, new ZeroEmploymentStarted(household, DADONG, detected, "SHANTYTOWN_RELOCATION",
                List.of(new Candidate(UUID.randomUUID(), 45, Gender.FEMALE, "JUNIOR_MIDDLE", List.of())), movedBack));

        JsonNode opened = json(escalations.await(r -> of(r, household) && "wanjia.case.opened.v1".equals(type(r)), 1).get(0).value());
        assertThat(opened.get("lengthDays").asInt()).isEqualTo(60);
        assertThat(opened.get("clockFrom").asText()).isEqualTo(movedBack.toString());
        JsonNode c = caseOf(household, DADONG);
        assertThat(c.get("lastDay").asText()).isEqualTo(movedBack.plusDays(59).toString());
        assertThat(c.get("steps").findValuesAsText("day")).containsExactly("30", "45", "55", "61");

        at(movedBack.plusDays(44)); // day 45
        escalations.await(r -> of(r, household) && ESCALATED.equals(type(r)) && json(r.value()).get("day").asInt() == 45, 1);
        assertThat(caseOf(household, DADONG).get("currentLevel").asText()).isEqualTo("STREET");
        assertThat(escalations.seen().stream().filter(r -> of(r, household) && BREACHED.equals(type(r)))).as("not breached on day 45").isEmpty();

        at(movedBack.plusDays(60)); // day 61
        JsonNode breached = json(escalations.await(r -> of(r, household) && BREACHED.equals(type(r)), 1).get(0).value());
        assertThat(breached.get("day").asInt()).isEqualTo(61);
        assertThat(breached.get("level").asText()).isEqualTo("CITY");
    }

    @Test
    void shouldSetAndRemoveAPolicyForOneCohortOnly() {
        Map<String, Object> ninetyDays = Map.of("lengthDays", 90, "dayKind", "CALENDAR", "repeatEveryDays", 5, "clockStarts", "MOVE_BACK",
                "ladder", List.of(Map.of("day", 60, "level", "STREET", "recipientRole", "supervisor", "areaDigits", 6)),
                "breach", Map.of("day", 91, "level", "CITY", "recipientRole", "supervisor", "areaDigits", 4));
        admin().body(ninetyDays).queryParam("cohort", "SHANTYTOWN_RELOCATION").put("/api/v1/policies/{prefix}", DADONG)
                .then().statusCode(200).body("cohort", equalTo("SHANTYTOWN_RELOCATION")).body("lengthDays", equalTo(90));

        effective("SHANTYTOWN_RELOCATION").body("lengthDays", equalTo(90)).body("areaPrefix", equalTo(DADONG));
        effective("STANDARD").body("lengthDays", not(equalTo(90)));
        admin().queryParam("cohort", "SHANTYTOWN_RELOCATION").delete("/api/v1/policies/{prefix}", DADONG).then().statusCode(204);
        effective("SHANTYTOWN_RELOCATION").body("lengthDays", equalTo(60)).body("areaPrefix", equalTo(""));
        admin().queryParam("cohort", "SHANTYTOWN_RELOCATION").delete("/api/v1/policies/{prefix}", DADONG).then().statusCode(404);
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", Tokens.bearer("admin", DADONG)).contentType("application/json");
    }

    private static io.restassured.response.ValidatableResponse effective(String cohort) {
        return admin().queryParam("district", DADONG).queryParam("cohort", cohort).get("/api/v1/policies/effective").then().statusCode(200);
    }

    /** Moves the clock to five past midnight of {@code day} and fires what came due. */
    private void at(LocalDate day) {
        clock.set(day.atTime(LocalTime.of(0, 5)).atZone(clock.getZone()).toInstant());
        engine.fireDue(1000);
    }
}
