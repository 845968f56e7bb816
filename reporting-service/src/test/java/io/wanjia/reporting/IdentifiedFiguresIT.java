package io.wanjia.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.Gender;
import io.wanjia.contracts.escalation.CaseEscalated;
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.IdentificationConfirmed;
import io.wanjia.contracts.household.ZeroEmploymentStarted;

/**
 * 认定 in the figures: a household found zero-employment counts as newly found on its business date, and as newly
 * identified only when the district confirms it, on the confirmation date; a missed sub-deadline of the identification
 * is not a step of the 20-day ladder the escalation figures count. Read for 锦州市凌河区 (210703, written by no other
 * test) in a random 30-day window.
 */
@QuarkusTest
class IdentifiedFiguresIT {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String LINGHE = "210703";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    KafkaTestClient kafka;
    LocalDate base;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        LocalDate start = LocalDate.of(1990, 1, 1);
        base = start.plusDays(ThreadLocalRandom.current().nextLong(LocalDate.now().minusDays(90).toEpochDay() - start.toEpochDay()));
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

    private JsonNode figures() throws IOException {
        String body = given().header("Authorization", Tokens.bearer("official", LINGHE)).queryParam("area", LINGHE)
                .queryParam("from", base.toString()).queryParam("to", base.plusDays(29).toString())
                .get("/api/v1/reports/summary").then().statusCode(200).extract().asString();
        return JSON.readTree(body).path("total").path("figures");
    }

    private JsonNode series(LocalDate day) throws IOException {
        String body = given().header("Authorization", Tokens.bearer("official", LINGHE)).queryParam("area", LINGHE)
                .queryParam("from", day.toString()).queryParam("to", day.toString()).queryParam("granularity", "day")
                .get("/api/v1/reports/series").then().statusCode(200).extract().asString();
        return JSON.readTree(body).get(0).path("figures");
    }

    private void publish(UUID household, Record payload) throws IOException {
        EventType type = EventType.of(payload);
        kafka.send(type.topic(), household.toString(), Map.of(CloudEvent.SPECVERSION, "1.0", CloudEvent.ID, UUID.randomUUID().toString(),
                CloudEvent.TYPE, type.type(), CloudEvent.SOURCE, "/test/reporting", CloudEvent.TIME, Instant.now().toString()),
                JSON.writeValueAsString(payload));
    }
}
