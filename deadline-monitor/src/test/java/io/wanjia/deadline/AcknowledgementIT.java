package io.wanjia.deadline;

import static io.restassured.RestAssured.given;
import static io.wanjia.deadline.DeadlineFixtures.caseOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.commons.time.AdjustableClock;

/**
 * An alert is acknowledged by whom it was addressed to (issue #15, item 6): the city's breach alert by the city's
 * supervisor, not by the district's; a day-10 alert by the district's case workers, who read such alerts in their
 * own inbox.
 */
@QuarkusTest
class AcknowledgementIT {

    private static final String SHENHE = "210103";
    private static final String DADONG = "210104";

    @Inject
    AdjustableClock clock;

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
    void shouldLetOnlyTheCitysSupervisorAcknowledgeTheCitysBreachAlert() {
        UUID household = UUID.randomUUID();
        DeadlineFixtures.started(kafka, household, SHENHE, LocalDate.now(clock).minusDays(22)); // day 23: the breach fires
        long breach = firedStep(household, "CITY");

        given().header("Authorization", Tokens.bearer("supervisor", SHENHE)).queryParam("size", 500).get("/api/v1/escalations")
                .then().statusCode(200).body("items.id", hasItem((int) breach));
        acknowledge("supervisor", SHENHE, breach).statusCode(403).body("rule", equalTo("addressee")).body("field", equalTo("area"));
        acknowledge("supervisor", "21", breach).statusCode(403).body("rule", equalTo("addressee"));
        acknowledge("supervisor", DADONG, breach).statusCode(404);

        acknowledge("supervisor", "2101", breach).statusCode(200).body("acknowledgedBy", equalTo("test-supervisor-2101"));
    }

    @Test
    void shouldShowCaseworkersTheDay10AlertsOfTheirAreaAndLetThemAcknowledgeThem() {
        UUID day10 = UUID.randomUUID();
        UUID day15 = UUID.randomUUID();
        DeadlineFixtures.started(kafka, day10, SHENHE, LocalDate.now(clock).minusDays(10)); // day 11: COMMUNITY
        DeadlineFixtures.started(kafka, day15, SHENHE, LocalDate.now(clock).minusDays(15)); // day 16: STREET
        long community = firedStep(day10, "COMMUNITY");
        long street = firedStep(day15, "STREET");

        given().header("Authorization", Tokens.bearer("caseworker", SHENHE)).queryParam("size", 500).get("/api/v1/escalations")
                .then().statusCode(200).body("items.id", hasItem((int) community)).body("items.id", not(hasItem((int) street)))
                .body("items.recipientRole", everyItem(equalTo("caseworker")));
        given().header("Authorization", Tokens.bearer("caseworker", DADONG)).queryParam("size", 500).get("/api/v1/escalations")
                .then().statusCode(200).body("items.id", not(hasItem((int) community)));
        acknowledge("caseworker", DADONG, community).statusCode(404);
        acknowledge("caseworker", SHENHE, street).statusCode(404);
        acknowledge("supervisor", SHENHE, community).statusCode(403).body("rule", equalTo("addressee"))
                .body("field", equalTo("recipientRole"));

        acknowledge("caseworker", SHENHE, community).statusCode(200).body("acknowledgedBy", equalTo("test-caseworker-" + SHENHE));
        acknowledge("supervisor", SHENHE, street).statusCode(200);
        given().header("Authorization", Tokens.bearer("official", SHENHE)).get("/api/v1/escalations").then().statusCode(403);
    }

    private static ValidatableResponse acknowledge(String role, String area, long alert) {
        return given().header("Authorization", Tokens.bearer(role, area)).contentType("application/json").body(Map.of("note", "seen"))
                .post("/api/v1/escalations/{id}/acknowledge", alert).then();
    }

    /** The id of the household's fired step of {@code level}, once it fired. */
    private static long firedStep(UUID household, String level) {
        long[] id = new long[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode c = caseOf(household, "2101");
            if (c == null) {
                return false;
            }
            for (JsonNode step : c.get("steps")) {
                if (step.get("level").asText().equals(level) && step.get("state").asText().equals("FIRED")) {
                    id[0] = step.get("id").asLong();
                    return true;
                }
            }
            return false;
        });
        assertThat(id[0]).isPositive();
        return id[0];
    }
}
