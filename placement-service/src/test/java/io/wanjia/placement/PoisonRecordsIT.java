package io.wanjia.placement;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.PoisonRecords;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.contracts.Gender;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.ZeroEmploymentStarted;

/**
 * No record stops placement-service's consumer: every kind of bad record on {@code household.events.v1} goes to
 * its dead-letter twin with its reason, the service stays ready, and the household that became zero-employment
 * after them shows up among the candidates.
 */
@QuarkusTest
class PoisonRecordsIT {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String HEPING = "210102";

    @Inject
    Clock clock;

    @Test
    void shouldDeadLetterEveryKindOfBadHouseholdEventAndApplyTheGoodOneAfterThem() throws Exception {
        UUID household = UUID.randomUUID(), member = UUID.randomUUID();
        var started = new ZeroEmploymentStarted(household, HEPING, LocalDate.now(clock), "STANDARD",
                List.of(new Candidate(member, 41, Gender.MALE, "JUNIOR_MIDDLE", List.of("welding"))));
        var good = new PoisonRecords.Good(household.toString(), Map.of(CloudEvent.SPECVERSION, "1.0",
                CloudEvent.ID, UUID.randomUUID().toString(), CloudEvent.TYPE, "wanjia.household.zero-employment-started.v1",
                CloudEvent.SOURCE, "/wanjia/household-service", CloudEvent.TIME, Instant.now().toString()),
                JSON.writeValueAsString(started));

        try (KafkaTestClient kafka = new KafkaTestClient()) {
            PoisonRecords.feed(kafka, Topics.HOUSEHOLD_EVENTS, "household-events", good, true);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", Tokens.bearer("placement-officer", HEPING))
                .queryParam("size", 500).get("/api/v1/candidates").then().statusCode(200).extract().jsonPath()
                .getList("memberId").contains(member.toString()));
    }
}
