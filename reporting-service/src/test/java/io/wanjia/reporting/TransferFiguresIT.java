package io.wanjia.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.ZeroEmploymentEnded;
import io.wanjia.contracts.household.ZeroEmploymentStarted;

/**
 * A household that moves between districts mid-episode (转入 / 转出, issue #18) in the figures: the district it left counts
 * it newly found on its first day and moved out on the day it left — neither placed nor exited; the district it moved to
 * counts it moved in on the same first day, not newly found again, so the city's figures count one household found once.
 * Read for 锦州市黑山县 (210726) and 义县 (210727), written by no other test, in a random 30-day window.
 */
@QuarkusTest
class TransferFiguresIT {

    private static final String HEISHAN = "210726";
    private static final String YIXIAN = "210727";

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
    void shouldCountAMoveOutInTheDistrictItLeftAndAMoveInNotANewFindInTheOne() throws Exception {
        UUID left = UUID.randomUUID(), arrived = UUID.randomUUID();
        List<Candidate> candidates = List.of(new Candidate(UUID.randomUUID(), 45, Gender.MALE, "JUNIOR_MIDDLE", List.of()));
        LocalDate moved = base.plusDays(11);
        publish(left, new ZeroEmploymentStarted(left, HEISHAN, base, "STANDARD", candidates));
        publish(left, new ZeroEmploymentEnded(left, HEISHAN, ZeroEmploymentEnded.Reason.TRANSFERRED, moved));
        // Yixian registers it on the day it left Heishan: the event's time says when it arrived.
        publishOn(moved, arrived, new ZeroEmploymentStarted(arrived, YIXIAN, base, "STANDARD", candidates, null, HEISHAN, null));

        await().atMost(Duration.ofSeconds(30)).until(() -> figures(YIXIAN).path("movedIn").asLong() == 1
                && figures(HEISHAN).path("movedOut").asLong() == 1);
        JsonNode heishan = figures(HEISHAN);
        assertThat(heishan.path("newlyDetected").asLong()).isEqualTo(1);
        assertThat(heishan.path("eliminated").asLong()).isZero();
        assertThat(heishan.path("exited").asLong()).isZero();
        assertThat(heishan.path("noLongerEligible").asLong()).isZero();
        assertThat(heishan.path("movedIn").asLong()).isZero();
        JsonNode yixian = figures(YIXIAN);
        assertThat(yixian.path("newlyDetected").asLong()).isZero();
        assertThat(yixian.path("movedOut").asLong()).isZero();
        // The city found one household once; it moved in and out on the same day, so a monthly report shows both in one month.
        JsonNode city = figures("2107");
        assertThat(city.path("movedIn").asLong()).isEqualTo(1);
        assertThat(city.path("movedOut").asLong()).isEqualTo(1);
        assertThat(series(YIXIAN, moved).path("movedIn").asLong()).isEqualTo(1);
        assertThat(series(HEISHAN, moved).path("movedOut").asLong()).isEqualTo(1);
    }

    /** The figures of {@code area} over one day. */
    private JsonNode series(String area, LocalDate day) throws IOException {
        String body = given().header("Authorization", Tokens.bearer("official", area)).queryParam("area", area)
                .queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/v1/reports/summary").then().statusCode(200).extract().asString();
        return ReportingFixtures.JSON.readTree(body).path("total").path("figures");
    }

    private void publishOn(LocalDate day, UUID household, Record payload) throws IOException {
        EventType type = EventType.of(payload);
        Map<String, String> headers = new HashMap<>(ReportingFixtures.headers(type));
        headers.put("ce_time", day.atTime(12, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant().toString());
        kafka.send(type.topic(), household.toString(), headers, ReportingFixtures.JSON.writeValueAsString(payload));
    }

    private JsonNode figures(String area) throws IOException {
        return ReportingFixtures.totals(area, base);
    }

    private void publish(UUID household, Record payload) throws IOException {
        EventType type = EventType.of(payload);
        kafka.send(type.topic(), household.toString(), ReportingFixtures.headers(type), ReportingFixtures.JSON.writeValueAsString(payload));
    }
}
