package io.wanjia.deadline;

import static io.restassured.RestAssured.given;
import static io.wanjia.deadline.DeadlineFixtures.caseOf;
import static io.wanjia.deadline.DeadlineFixtures.json;
import static io.wanjia.deadline.DeadlineFixtures.of;
import static io.wanjia.deadline.DeadlineFixtures.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
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
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.household.IdentificationConfirmed;
import io.wanjia.contracts.household.IdentificationOpened;
import io.wanjia.contracts.household.ZeroEmploymentEnded;

/**
 * A district whose policy starts the promise's clock at the identification's confirmation (认定): the case opens at
 * detection without a deadline, showing its stage; the confirmation starts the 20 days from its date, with the ladder
 * planned from there; a member placed while the identification still runs closes the case within the promise. Written
 * for 沈阳市铁西区 (210106), which no other test's policy touches.
 */
@QuarkusTest
class ClockAtConfirmationIT {

    private static final String TIEXI = "210106";

    @Inject
    AdjustableClock clock;

    KafkaTestClient kafka;
    KafkaTestClient.Watch escalations;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        escalations = kafka.watch(Topics.ESCALATION_EVENTS);
        given().header("Authorization", Tokens.bearer("admin", TIEXI)).contentType("application/json")
                .body(Map.of("lengthDays", 20, "dayKind", "CALENDAR", "repeatEveryDays", 5, "clockStarts", "CONFIRMATION",
                        "ladder", List.of(Map.of("day", 10, "level", "COMMUNITY", "recipientRole", "caseworker", "areaDigits", 6),
                                Map.of("day", 15, "level", "STREET", "recipientRole", "supervisor", "areaDigits", 6)),
                        "breach", Map.of("day", 21, "level", "CITY", "recipientRole", "supervisor", "areaDigits", 4)))
                .put("/api/v1/policies/{prefix}", TIEXI).then().statusCode(200);
    }

    @AfterEach
    void tearDown() {
        given().header("Authorization", Tokens.bearer("admin", TIEXI)).delete("/api/v1/policies/{prefix}", TIEXI).then().statusCode(204);
        escalations.close();
        kafka.close();
    }

    @Test
    void shouldOpenTheCaseWithoutADeadlineAndStartTheClockOnTheConfirmationsDate() {
        UUID household = UUID.randomUUID(), identification = UUID.randomUUID();
        LocalDate today = LocalDate.now(clock);
        LocalDate detected = today.minusDays(30), confirmed = today.minusDays(4);
        DeadlineFixtures.started(kafka, household, TIEXI, detected);
        DeadlineFixtures.publish(kafka, household, new IdentificationOpened(identification, household, TIEXI,
                IdentificationOpened.Source.MONITORING, detected, true, "ALL_COUNTED_MEMBERS_OUT_OF_STABLE_WORK"));

        JsonNode opened = json(escalations.await(r -> of(r, household) && "wanjia.case.opened.v1".equals(type(r)), 1).get(0).value());
        assertThat(opened.get("since").asText()).isEqualTo(detected.toString());
        assertThat(opened.get("deadline").isNull()).as("no deadline while the clock waits").isTrue();
        assertThat(opened.get("clockFrom").isNull()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> "VERIFY".equals(caseOf(household, TIEXI).path("identificationStage").asText()));
        JsonNode waiting = caseOf(household, TIEXI);
        assertThat(waiting.get("status").asText()).isEqualTo("OPEN");
        assertThat(waiting.get("lastDay").isNull()).isTrue();
        assertThat(waiting.get("day").isNull()).as("30 days after detection, yet no day of the promise has passed").isTrue();
        assertThat(ladderSteps(waiting)).as("no ladder before the clock starts").isEmpty();

        DeadlineFixtures.publish(kafka, household, new IdentificationConfirmed(identification, household, TIEXI, confirmed,
                TIEXI + "-2026-00001"));

        JsonNode started = json(escalations.await(r -> of(r, household) && "wanjia.case.clock-started.v1".equals(type(r)), 1)
                .get(0).value());
        assertThat(started.get("clockFrom").asText()).isEqualTo(confirmed.toString());
        assertThat(started.get("deadline").asText()).isEqualTo(confirmed.plusDays(20).atStartOfDay(clock.getZone()).toInstant().toString());
        JsonNode running = caseOf(household, TIEXI);
        assertThat(running.get("clockFrom").asText()).isEqualTo(confirmed.toString());
        assertThat(running.get("lastDay").asText()).isEqualTo(confirmed.plusDays(19).toString());
        assertThat(running.get("day").asInt()).isEqualTo(5);
        assertThat(running.get("identificationStage").asText()).isEqualTo("CONFIRMED");
        assertThat(ladderSteps(running)).extracting(s -> s.get("day").asInt(), s -> s.get("dueAt").asText(), s -> s.get("state").asText())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(10, confirmed.plusDays(9).atStartOfDay(clock.getZone()).toInstant().toString(), "PENDING"),
                        org.assertj.core.groups.Tuple.tuple(15, confirmed.plusDays(14).atStartOfDay(clock.getZone()).toInstant().toString(), "PENDING"),
                        org.assertj.core.groups.Tuple.tuple(21, confirmed.plusDays(20).atStartOfDay(clock.getZone()).toInstant().toString(), "PENDING"));
        assertThat(running.get("timeline").findValuesAsText("type")).containsSubsequence("OPENED", "IDENTIFICATION_OPENED",
                "IDENTIFICATION_CONFIRMED", "CLOCK_STARTED");
    }

    @Test
    void shouldCloseACaseWithinThePromiseWhenAMemberIsPlacedBeforeTheConfirmation() {
        UUID household = UUID.randomUUID();
        LocalDate today = LocalDate.now(clock);
        DeadlineFixtures.started(kafka, household, TIEXI, today.minusDays(25));
        escalations.await(r -> of(r, household) && "wanjia.case.opened.v1".equals(type(r)), 1);
        DeadlineFixtures.ended(kafka, household, TIEXI, ZeroEmploymentEnded.Reason.PLACED, today.minusDays(1));

        JsonNode closed = json(escalations.await(r -> of(r, household) && "wanjia.case.closed.v1".equals(type(r)), 1).get(0).value());
        assertThat(closed.get("outcome").asText()).as("placed 24 days after detection, but before the clock started").isEqualTo("MET");
        assertThat(closed.get("days").asInt()).isZero();
    }

    /** The steps of the 20-day ladder (not the identification's sub-deadlines). */
    private static List<JsonNode> ladderSteps(JsonNode c) {
        List<JsonNode> steps = new java.util.ArrayList<>();
        c.get("steps").forEach(s -> {
            if (!s.hasNonNull("identificationStage")) {
                steps.add(s);
            }
        });
        return steps;
    }
}
