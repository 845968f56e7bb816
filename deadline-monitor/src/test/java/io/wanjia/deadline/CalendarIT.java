package io.wanjia.deadline;

import static io.restassured.RestAssured.given;
import static io.wanjia.deadline.DeadlineFixtures.caseOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.commons.time.AdjustableClock;

/**
 * A working-day policy against a holiday calendar that ends with 2026 (the shipped one): in December, deadlines
 * would run into 2027, and the service says so — in readiness, on the policy API, on the case it opens anyway —
 * until the 2027 notice is loaded.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CalendarIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 大东区: no other test sets its policy. */
    private static final String DADONG = "210104";

    @Inject
    AdjustableClock clock;

    KafkaTestClient kafka;
    Duration offsetBefore;

    @BeforeEach
    void start() {
        kafka = new KafkaTestClient();
        offsetBefore = clock.offset();
    }

    @AfterEach
    void stop() {
        given().header("Authorization", Tokens.bearer("admin", DADONG)).delete("/api/v1/policies/{prefix}", DADONG);
        clock.set(java.time.Instant.now().plus(offsetBefore));
        kafka.close();
    }

    @Test
    @Order(1)
    void shouldSayLoudlyWhenAWorkingDayDeadlineNeedsAYearTheCalendarLacks() {
        moveTo(LocalDate.of(2026, 3, 2));
        putWorkingDayPolicy().statusCode(200);
        assertThat(calendarCheck().getString("data.coverage")).isEqualTo("COMPLETE");

        moveTo(LocalDate.of(2026, 12, 15));

        JsonPath check = calendarCheck();
        assertThat(check.getString("status")).isEqualTo("UP");
        assertThat(check.getString("data.coverage")).isEqualTo("MISSING_YEAR");
        assertThat(check.getString("data.missingYears")).isEqualTo("[2027]");
        given().header("Authorization", Tokens.bearer("admin", "21")).get("/api/v1/holidays/coverage").then().statusCode(200)
                .body("missingYears", hasItem(2027)).body("comingYearLoaded", equalTo(false));
        putWorkingDayPolicy().statusCode(409).body("field", equalTo("dayKind")).body("rule", equalTo("calendar-coverage"));
        assertThat(given().get("/q/metrics").then().extract().asString()).contains("wanjia_calendar_missing_years");

        // A case still opens (the promise runs regardless) and says on its timeline why its working days may be off.
        UUID household = UUID.randomUUID();
        DeadlineFixtures.started(kafka, household, DADONG, LocalDate.of(2026, 12, 15));
        await().atMost(Duration.ofSeconds(30)).until(() -> caseOf(household, DADONG) != null);
        JsonNode opened = caseOf(household, DADONG).get("timeline").get(0);
        assertThat(opened.get("detail").get("calendar").asText()).contains("holiday calendar lacks a year");
    }

    @Test
    @Order(2) // it loads 2027's New Year's Day, which the first test must not see
    void shouldTakeAWorkingDayPolicyOnceTheComingYearIsLoaded() {
        moveTo(LocalDate.of(2026, 12, 15));
        putWorkingDayPolicy().statusCode(409);

        given().header("Authorization", Tokens.bearer("admin", "21")).contentType("application/json").body(Map.of("kind", "HOLIDAY"))
                .put("/api/v1/holidays/{day}", "2027-01-01").then().statusCode(200);

        putWorkingDayPolicy().statusCode(200);
        assertThat(calendarCheck().getString("data.coverage")).isEqualTo("COMPLETE");
    }

    private io.restassured.response.ValidatableResponse putWorkingDayPolicy() {
        return given().header("Authorization", Tokens.bearer("admin", DADONG)).contentType("application/json")
                .body(Map.of("lengthDays", 20, "dayKind", "WORKING", "repeatEveryDays", 5,
                        "ladder", List.of(Map.of("day", 10, "level", "COMMUNITY", "recipientRole", "caseworker", "areaDigits", 6)),
                        "breach", Map.of("day", 21, "level", "CITY", "recipientRole", "supervisor", "areaDigits", 4)))
                .put("/api/v1/policies/{prefix}", DADONG).then();
    }

    private void moveTo(LocalDate day) {
        clock.set(day.atTime(9, 0).atZone(SHANGHAI).toInstant());
    }

    private static JsonPath calendarCheck() {
        JsonPath ready = given().get("/q/health/ready").then().extract().jsonPath();
        return ready.setRootPath("checks.find { it.name == 'Working-day calendar' }");
    }
}
