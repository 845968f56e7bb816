package io.wanjia.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.Gender;
import io.wanjia.contracts.escalation.CaseClockStarted;
import io.wanjia.contracts.escalation.CaseEscalated;
import io.wanjia.contracts.escalation.CaseOpened;
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.IdentificationConfirmed;
import io.wanjia.contracts.household.ZeroEmploymentStarted;

/**
 * 认定 in the figures: a household found zero-employment counts as newly found on its business date, and as newly
 * identified only when the district confirms it, on the confirmation date; a missed sub-deadline of the identification
 * is not a step of the 20-day ladder the escalation figures count; a case whose clock waits for the confirmation is
 * open apart, and counts by its clock once it starts. Read for 锦州市凌河区 (210703, written by no other
 * test) in a random 30-day window.
 */
@QuarkusTest
class IdentifiedFiguresIT {

    private static final String LINGHE = "210703";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    KafkaTestClient kafka;
    LocalDate base;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        base = ReportingFixtures.windowOfItsOwn();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void shouldCountAConfirmedHouseholdAsIdentifiedApartFromFoundAndLeaveSubDeadlinesOutOfTheLadder() throws Exception {
        UUID household = UUID.randomUUID(), caseId = UUID.randomUUID();
        publish(household, new ZeroEmploymentStarted(household, LINGHE, base, "STANDARD",
                List.of(new Candidate(UUID.randomUUID(), 45, Gender.MALE, "JUNIOR_MIDDLE", List.of()))));
        await().atMost(Duration.ofSeconds(30)).until(() -> figures().path("newlyDetected").asLong() == 1);
        assertThat(figures().path("newlyIdentified").asLong()).isZero();

        publish(household, new CaseEscalated(caseId, household, LINGHE, 10_000, "STREET", 5, "supervisor", LINGHE,
                base.plusDays(4).atStartOfDay(SHANGHAI).toInstant(), "VERIFY"));
        publish(household, new IdentificationConfirmed(UUID.randomUUID(), household, LINGHE, base.plusDays(9), LINGHE + "-2026-00001"));
        publish(household, new CaseEscalated(caseId, household, LINGHE, 1, "STREET", 15, "supervisor", LINGHE,
                base.plusDays(14).atStartOfDay(SHANGHAI).toInstant()));

        await().atMost(Duration.ofSeconds(30)).until(() -> figures().path("escalationsStreet").asLong() == 1);
        JsonNode figures = figures();
        assertThat(figures.path("newlyIdentified").asLong()).isEqualTo(1);
        assertThat(figures.path("newlyDetected").asLong()).isEqualTo(1);
        assertThat(figures.path("escalationsStreet").asLong()).isEqualTo(1); // the ladder's day-15 step only
        JsonNode confirmedDay = series(base.plusDays(9));
        assertThat(confirmedDay.path("newlyIdentified").asLong()).isEqualTo(1);
        assertThat(confirmedDay.path("newlyDetected").asLong()).isZero();
    }

    @Test
    void shouldCountACaseAwaitingConfirmationApartAndByItsClockOnceItStarts() throws Exception {
        UUID household = UUID.randomUUID(), caseId = UUID.randomUUID();
        ReportingFixtures.awaitCaughtUp(kafka);
        JsonNode before = openFigures();
        LocalDate today = LocalDate.parse(before.path("asOf").asText());
        publish(household, new CaseOpened(caseId, household, LINGHE, today.minusDays(30), null, 20, "CALENDAR", "STANDARD", null));
        // (an open case is in one bucket only: awaiting, so not overdue 30 days after detection)
        await().atMost(Duration.ofSeconds(30)).until(() -> delta(before, "openAwaitingConfirmation") == 1);

        // Confirmed 12 days ago: day 13 of the promise, not day 31 of the episode.
        publish(household, new CaseClockStarted(caseId, household, LINGHE, today.minusDays(12),
                today.minusDays(12).plusDays(20).atStartOfDay(SHANGHAI).toInstant(), 20, "CALENDAR"));
        await().atMost(Duration.ofSeconds(30)).until(() -> delta(before, "openDays11to15") == 1);
        assertThat(delta(before, "openAwaitingConfirmation")).isZero();
    }

    /** The summary of LINGHE now, with its as-of date: the open cases' buckets are as of today. */
    private JsonNode openFigures() throws IOException {
        String body = given().header("Authorization", Tokens.bearer("official", LINGHE)).queryParam("area", LINGHE)
                .queryParam("from", base.toString()).queryParam("to", base.plusDays(29).toString())
                .get("/api/v1/reports/summary").then().statusCode(200).extract().asString();
        return ReportingFixtures.JSON.readTree(body);
    }

    private long delta(JsonNode before, String figure) throws IOException {
        return openFigures().path("total").path("figures").path(figure).asLong()
                - before.path("total").path("figures").path(figure).asLong();
    }

    private JsonNode figures() throws IOException {
        return ReportingFixtures.totals(LINGHE, base);
    }

    private JsonNode series(LocalDate day) throws IOException {
        String body = given().header("Authorization", Tokens.bearer("official", LINGHE)).queryParam("area", LINGHE)
                .queryParam("from", day.toString()).queryParam("to", day.toString()).queryParam("granularity", "day")
                .get("/api/v1/reports/series").then().statusCode(200).extract().asString();
        return ReportingFixtures.JSON.readTree(body).get(0).path("figures");
    }

    private void publish(UUID household, Record payload) throws IOException {
        EventType type = EventType.of(payload);
        kafka.send(type.topic(), household.toString(), ReportingFixtures.headers(type), ReportingFixtures.JSON.writeValueAsString(payload));
    }
}
