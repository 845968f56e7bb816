package io.wanjia.placement;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.Gender;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.ZeroEmploymentStarted;

/** household-service's events as placement-service's tests send them, on the real topic. */
final class HouseholdEvents {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private HouseholdEvents() {
    }

    /** Publishes that {@code household} of {@code district} became zero-employment on {@code since}, with one candidate. */
    static void started(KafkaTestClient kafka, UUID household, String district, LocalDate since, UUID member, int age, List<String> skills) {
        ZeroEmploymentStarted started = new ZeroEmploymentStarted(household, district, since, "STANDARD",
                List.of(new Candidate(member, age, Gender.MALE, "JUNIOR_MIDDLE", skills)));
        try {
            kafka.send(Topics.HOUSEHOLD_EVENTS, household.toString(), Map.of(CloudEvent.SPECVERSION, "1.0",
                    CloudEvent.ID, UUID.randomUUID().toString(), CloudEvent.TYPE, EventType.ZERO_EMPLOYMENT_STARTED.type(),
                    CloudEvent.SOURCE, "/wanjia/household-service", CloudEvent.TIME, Instant.now().toString()),
                    JSON.writeValueAsString(started));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
