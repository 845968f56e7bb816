package io.wanjia.deadline;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.Gender;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.ZeroEmploymentEnded;
import io.wanjia.contracts.household.ZeroEmploymentStarted;

/** Household events as household-service would publish them, and reads of what deadline-monitor made of them. */
final class DeadlineFixtures {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private DeadlineFixtures() {
    }

    /** A record as sent, to send it again. */
    record Sent(Map<String, String> headers, String value) {
    }

    /** Publishes zero-employment-started for a household and returns the record as sent. */
    static Sent started(KafkaTestClient kafka, UUID household, String district, LocalDate since) {
        return publish(kafka, household, new ZeroEmploymentStarted(household, district, since, "STANDARD",
                List.of(new Candidate(UUID.randomUUID(), 45, Gender.MALE, "JUNIOR_MIDDLE", List.of("welding")))));
    }

    /** Publishes zero-employment-ended. */
    static void ended(KafkaTestClient kafka, UUID household, String district, ZeroEmploymentEnded.Reason reason, LocalDate on) {
        publish(kafka, household, new ZeroEmploymentEnded(household, district, reason, on));
    }

    /** Whether the service under test has read the backlog earlier suites left on its topics (once per test run). */
    private static volatile boolean backlogRead;

    /**
     * Waits, once per test run, until the service's consumer has read what earlier suites left on its topics — on a CI
     * run's fresh broker, thousands of household-service's and placement-service's records, poison ones among them, read
     * one by one — so that each test's own waits time its own events, not that backlog.
     */
    static void awaitBacklogRead(KafkaTestClient kafka) {
        if (!backlogRead) {
            kafka.awaitCaughtUp("deadline-monitor-test", List.of(Topics.HOUSEHOLD_EVENTS, Topics.PLACEMENT_EVENTS), Duration.ofMinutes(5));
            backlogRead = true;
        }
    }

    static Sent publish(KafkaTestClient kafka, UUID household, Record payload) {
        awaitBacklogRead(kafka);
        Map<String, String> headers = headers(payload);
        String value = write(payload);
        kafka.send(EventType.of(payload).topic(), household.toString(), headers, value);
        return new Sent(headers, value);
    }

    /** The CloudEvent headers of a new event carrying {@code payload}. */
    static Map<String, String> headers(Record payload) {
        return Map.of(CloudEvent.SPECVERSION, "1.0", CloudEvent.ID, UUID.randomUUID().toString(),
                CloudEvent.TYPE, EventType.of(payload).type(), CloudEvent.SOURCE, "/wanjia/household-service",
                CloudEvent.TIME, Instant.now().toString());
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ce_type of a record. */
    static String type(ConsumerRecord<String, String> record) {
        return KafkaTestClient.header(record, CloudEvent.TYPE);
    }

    /** Whether {@code record} is about {@code household}. */
    static boolean of(ConsumerRecord<String, String> record, UUID household) {
        return household.toString().equals(record.key()) && record.topic().equals(Topics.ESCALATION_EVENTS);
    }

    /** How many cases (open or closed) the household has, as a supervisor of {@code area} sees them. */
    static long caseCount(UUID household, String area) {
        String body = given().header("Authorization", Tokens.bearer("supervisor", area)).queryParam("size", 500)
                .get("/api/v1/cases").then().statusCode(200).extract().asString();
        long count = 0;
        for (JsonNode c : json(body).get("items")) {
            count += c.get("householdId").asText().equals(household.toString()) ? 1 : 0;
        }
        return count;
    }

    /** The household's case, read as a supervisor of {@code area} sees it. */
    static JsonNode caseOf(UUID household, String area) {
        String body = given().header("Authorization", Tokens.bearer("supervisor", area)).queryParam("size", 500)
                .get("/api/v1/cases").then().statusCode(200).extract().asString();
        for (JsonNode c : json(body).get("items")) {
            if (c.get("householdId").asText().equals(household.toString())) {
                String one = given().header("Authorization", Tokens.bearer("supervisor", area))
                        .get("/api/v1/cases/{id}", c.get("id").asText()).then().statusCode(200).extract().asString();
                return json(one);
            }
        }
        return null;
    }
}
