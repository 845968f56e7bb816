package io.wanjia.placement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.testing.Polled;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.Gender;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.ZeroEmploymentEnded;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.placement.messaging.HouseholdEventConsumer;

/**
 * The candidates read model takes a polled batch at once: starts and ends of the same household in one batch give
 * what one by one gives.
 */
@QuarkusTest
class CandidateBatchIT {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String HEPING = "210102";

    @Inject
    HouseholdEventConsumer consumer;
    @Inject
    MeterRegistry metrics;
    @Inject
    Clock clock;

    @Test
    void shouldApplyStartsAndEndsOfABatchInOrder() throws Exception {
        LocalDate today = LocalDate.now(clock);
        UUID stays = UUID.randomUUID(), staysMember = UUID.randomUUID();
        UUID leaves = UUID.randomUUID(), leavesMember = UUID.randomUUID();
        UUID returns = UUID.randomUUID(), returnsMember = UUID.randomUUID();
        Polled batch = new Polled(Topics.HOUSEHOLD_EVENTS);
        add(batch, started(stays, staysMember, today));
        add(batch, started(leaves, leavesMember, today));
        add(batch, new ZeroEmploymentEnded(leaves, HEPING, ZeroEmploymentEnded.Reason.EMPLOYED_ELSEWHERE, today));
        add(batch, started(returns, returnsMember, today.minusDays(1)));
        add(batch, new ZeroEmploymentEnded(returns, HEPING, ZeroEmploymentEnded.Reason.EMPLOYED_ELSEWHERE, today.minusDays(1)));
        add(batch, started(returns, returnsMember, today));

        double split = Polled.splitsWhenCaughtUp(metrics, "household-events", "household-events");
        consumer.consume(batch.records());

        assertThat(Polled.splits(metrics, "household-events")).as("applied as one batch").isEqualTo(split);
        List<String> active = given().header("Authorization", Tokens.bearer("placement-officer", HEPING)).queryParam("size", 500)
                .get("/api/v1/candidates").then().statusCode(200).extract().jsonPath().getList("memberId");
        assertThat(active).contains(staysMember.toString(), returnsMember.toString()).doesNotContain(leavesMember.toString());
    }

    private static ZeroEmploymentStarted started(UUID household, UUID member, LocalDate since) {
        return new ZeroEmploymentStarted(household, HEPING, since, "STANDARD",
                List.of(new Candidate(member, 40, Gender.FEMALE, "JUNIOR_MIDDLE", List.of("cooking"))));
    }

    private static void add(Polled batch, Record payload) throws Exception {
        UUID household = payload instanceof ZeroEmploymentStarted s ? s.householdId() : ((ZeroEmploymentEnded) payload).householdId();
        batch.add(household.toString(), Map.of(CloudEvent.SPECVERSION, "1.0", CloudEvent.ID, UUID.randomUUID().toString(),
                CloudEvent.TYPE, EventType.of(payload).type(), CloudEvent.SOURCE, "/wanjia/household-service",
                CloudEvent.TIME, Instant.now().toString()), JSON.writeValueAsString(payload));
    }
}
