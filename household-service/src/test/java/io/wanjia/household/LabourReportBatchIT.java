package io.wanjia.household;

import static io.restassured.RestAssured.given;
import static io.wanjia.household.Fixtures.HEPING;
import static io.wanjia.household.Fixtures.adult;
import static io.wanjia.household.Fixtures.household;
import static io.wanjia.household.Fixtures.is;
import static io.wanjia.household.Fixtures.json;
import static io.wanjia.household.Fixtures.registered;
import static io.wanjia.household.Fixtures.reportHeaders;
import static io.wanjia.household.Fixtures.stableEmployment;
import static io.wanjia.household.Fixtures.unemployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.outbox.DeadLetter;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Polled;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.contracts.Topics;
import io.wanjia.household.domain.NationalIds;
import io.wanjia.household.messaging.LabourReportConsumer;
import io.wanjia.household.service.LabourReports;

/**
 * The labour-report consumer applies a polled batch at once (households locked and loaded together, changes
 * written together): the result must be what applying the reports one by one gives ({@link Polled} decides what
 * one batch holds).
 */
@QuarkusTest
class LabourReportBatchIT extends WatchingHouseholdEvents {

    private static final String UNEMPLOYED = "wanjia.labour.unemployment-reported.v1";
    private static final String EMPLOYED = "wanjia.labour.employment-reported.v1";

    @Inject
    LabourReportConsumer consumer;
    @Inject
    MeterRegistry metrics;

    private final Polled batch = new Polled(Topics.LABOUR_STATUS_REPORTS);

    @Test
    void shouldApplyABatchAsIfOneByOne() {
        Map<String, Object> a1 = adult(today, 45, true, "UNEMPLOYED");
        Map<String, Object> a2 = adult(today, 41, false, "UNEMPLOYED");
        a2.put("statusSince", today.minusDays(60).toString());
        String a = registered(household(HEPING, List.of(a1, a2))).get("id").asText();
        Map<String, Object> b1 = adult(today, 38, true, "EMPLOYED_STABLE");
        b1.put("statusSince", today.minusYears(2).toString());
        String b = registered(household(HEPING, List.of(b1))).get("id").asText();
        events.await(r -> is(r, a, STARTED), 1);
        String unknown = NationalIds.of(today.minusYears(33), true);
        String repeated = UUID.randomUUID().toString();

        // Household A: one member finds work, an older report about them loses, then the other finds work too.
        add(a1, EMPLOYED, UUID.randomUUID().toString(), stableEmployment(id(a1), today.minusDays(5)));
        add(a1, UNEMPLOYED, UUID.randomUUID().toString(), unemployment(id(a1), today.minusDays(10)));
        add(a2, EMPLOYED, UUID.randomUUID().toString(), stableEmployment(id(a2), today.minusDays(3)));
        // Household B: its only worker is laid off — reported twice under the same ce_id.
        add(b1, UNEMPLOYED, repeated, unemployment(id(b1), today.minusDays(2)));
        add(b1, UNEMPLOYED, repeated, unemployment(id(b1), today.minusDays(2)));
        // Somebody not registered yet.
        String waiting = UUID.randomUUID().toString();
        batch.add(unknown, reportHeaders(waiting, UNEMPLOYED), unemployment(unknown, today.minusDays(1)));

        double split = Polled.splitsWhenCaughtUp(metrics, LabourReports.CONSUMER, "labour-reports");
        consumer.consume(batch.records());
        assertThat(Polled.splits(metrics, LabourReports.CONSUMER)).as("the batch was applied as a batch").isEqualTo(split);

        JsonNode ended = json(events.await(r -> is(r, a, ENDED), 1).get(0).value());
        assertThat(ended.get("reason").asText()).isEqualTo("EMPLOYED_ELSEWHERE");
        assertThat(ended.get("on").asText()).isEqualTo(today.minusDays(5).toString());
        JsonNode started = json(events.await(r -> is(r, b, STARTED), 1).get(0).value());
        assertThat(started.get("since").asText()).isEqualTo(today.minusDays(2).toString());
        events.await(r -> is(r, a, MEMBER_CHANGED), 2);
        assertThat(events.seen().stream().filter(r -> is(r, a, MEMBER_CHANGED))).hasSize(2); // the older report changed nothing
        assertThat(events.seen().stream().filter(r -> is(r, b, MEMBER_CHANGED))).hasSize(1); // the repeated id counted once
        assertThat(events.seen().stream().filter(r -> is(r, a, STARTED))).hasSize(1);
        caseworker(a).body("status", equalTo("NOT_ZERO_EMPLOYMENT"))
                .body("members.statusSince", hasItems(today.minusDays(5).toString(), today.minusDays(3).toString()));
        caseworker(b).body("status", equalTo("ZERO_EMPLOYMENT")).body("zeroEmploymentSince", equalTo(today.minusDays(2).toString()));
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).queryParam("size", 500).get("/api/v1/unmatched-reports")
                .then().statusCode(200).body("items.eventId", hasItem(waiting));

        // The same poll delivered again (a rebalance before the offsets were committed) changes nothing.
        consumer.consume(batch.records());
        String c = registered(household(HEPING, List.of(adult(today, 30, true, "UNEMPLOYED")))).get("id").asText();
        events.await(r -> is(r, c, STARTED), 1); // events after the redelivery have been published
        assertThat(events.seen().stream().filter(r -> is(r, b, MEMBER_CHANGED))).hasSize(1);
        assertThat(events.seen().stream().filter(r -> is(r, a, ENDED))).hasSize(1);
    }

    @Test
    void shouldApplyTheGoodReportsOfABatchAndDeadLetterTheBadOne() {
        Map<String, Object> member = adult(today, 45, true, "UNEMPLOYED");
        String id = registered(household(HEPING, List.of(member))).get("id").asText();
        events.await(r -> is(r, id, STARTED), 1);
        String bad = NationalIds.withWrongCheckDigit(NationalIds.of(today.minusYears(30), false));
        String badId = UUID.randomUUID().toString();

        try (KafkaTestClient.Watch dlq = kafka.watch(Topics.deadLetter(Topics.LABOUR_STATUS_REPORTS))) {
            batch.add("bad", reportHeaders(badId, UNEMPLOYED), unemployment(bad, today));
            add(member, EMPLOYED, UUID.randomUUID().toString(), stableEmployment(id(member), today));

            double split = Polled.splitsWhenCaughtUp(metrics, LabourReports.CONSUMER, "labour-reports");
            consumer.consume(batch.records());
            assertThat(Polled.splits(metrics, LabourReports.CONSUMER)).as("the batch was split to isolate the bad record").isEqualTo(split + 1);

            ConsumerRecord<String, String> dead = dlq.await(r -> badId.equals(KafkaTestClient.header(r, "ce_id")), 1).get(0);
            assertThat(KafkaTestClient.header(dead, DeadLetter.REASON)).contains("data.nationalId");
        }
        assertThat(events.await(r -> is(r, id, ENDED), 1)).hasSize(1);
    }

    private void add(Map<String, Object> member, String type, String eventId, String body) {
        batch.add(id(member), reportHeaders(eventId, type), body);
    }

    private static String id(Map<String, Object> member) {
        return (String) member.get("nationalId");
    }

    private static io.restassured.response.ValidatableResponse caseworker(String household) {
        return given().header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/households/{id}", household)
                .then().statusCode(200);
    }
}
