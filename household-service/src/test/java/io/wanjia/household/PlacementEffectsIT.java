package io.wanjia.household;

import static io.wanjia.household.Fixtures.HEPING;
import static io.wanjia.household.Fixtures.adult;
import static io.wanjia.household.Fixtures.household;
import static io.wanjia.household.Fixtures.is;
import static io.wanjia.household.Fixtures.json;
import static io.wanjia.household.Fixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;


import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.JobKind;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.placement.MemberPlaced;
import io.wanjia.contracts.placement.OfferDeclined;
import io.wanjia.contracts.placement.PlacementEnded;

/** What placement-service's events do to the register: placed, placement ended, offers refused. */
@QuarkusTest
class PlacementEffectsIT extends WatchingHouseholdEvents {

    @Test
    void shouldEndOnAStablePlacementAndStartAgainWhenThePlacementEnds() {
        JsonNode household = registered(household(HEPING, List.of(adult(today, 40, true, "UNEMPLOYED"))));
        UUID id = UUID.fromString(household.get("id").asText());
        UUID member = UUID.fromString(household.get("members").get(0).get("id").asText());
        events.await(r -> is(r, id, STARTED), 1);
        UUID placement = UUID.randomUUID();

        publish(id, new MemberPlaced(placement, id, HEPING, member, UUID.randomUUID(), JobKind.PUBLIC_WELFARE, "和平区环卫所",
                today.minusDays(2), new BigDecimal("2100"), 12, true, false));
        JsonNode ended = json(events.await(r -> is(r, id, ENDED), 1).get(0).value());
        assertThat(ended.get("reason").asText()).isEqualTo("PLACED");
        assertThat(ended.get("on").asText()).isEqualTo(today.minusDays(2).toString());
        assertThat(ended.get("channel").asText()).as("the kind of work, for days to placement by channel").isEqualTo("PUBLIC_WELFARE");
        JsonNode changed = json(events.await(r -> is(r, id, "wanjia.household.member-changed.v1")
                && "PLACEMENT".equals(json(r.value()).path("source").asText()), 1).get(0).value());
        assertThat(changed.get("effectiveOn").asText()).isEqualTo(today.minusDays(2).toString());
        assertThat(changed.get("recordedOn").asText()).as("a member's target is judged by the later date too")
                .isEqualTo(ended.get("recordedOn").asText());
        // Started two days ago, recorded now (the event's time): deadline-monitor judges the promise by the later.
        assertThat(ended.get("recordedOn").asText()).isEqualTo(java.time.Instant.now().atZone(clock.getZone()).toLocalDate().toString());

        publish(id, new PlacementEnded(placement, id, HEPING, member, today, "contract terminated"));
        JsonNode again = json(events.await(r -> is(r, id, STARTED), 2).get(1).value());
        assertThat(again.get("since").asText()).isEqualTo(today.toString());
        assertThat(again.get("candidates").get(0).get("memberId").asText()).isEqualTo(member.toString());

        // Both changes the placement events made are in the household's history, each by its event.
        List<JsonNode> history = json(io.restassured.RestAssured.given()
                .header("Authorization", io.wanjia.commons.testing.Tokens.bearer("caseworker", HEPING))
                .get("/api/v1/households/{id}/history", id).then().statusCode(200).extract().asString()).findParents("action");
        assertThat(history.stream().map(e -> e.get("action").asText())).contains("PLACED", "PLACEMENT_ENDED");
        JsonNode placed = history.stream().filter(e -> e.get("action").asText().equals("PLACED")).findFirst().orElseThrow();
        assertThat(placed.get("actor").asText()).startsWith("event:/wanjia/placement-service#").doesNotEndWith("#");
        assertThat(placed.get("before").get("status").asText()).isEqualTo("ZERO_EMPLOYMENT");
        assertThat(placed.get("after").get("members").get(0).get("status").asText()).isEqualTo("EMPLOYED_STABLE");
    }

    @Test
    void shouldRecordAnUnstablePlacementWithoutEndingZeroEmployment() {
        JsonNode household = registered(household(HEPING, List.of(adult(today, 40, true, "UNEMPLOYED"))));
        UUID id = UUID.fromString(household.get("id").asText());
        UUID member = UUID.fromString(household.get("members").get(0).get("id").asText());

        publish(id, new MemberPlaced(UUID.randomUUID(), id, HEPING, member, null, JobKind.FLEXIBLE, null, today,
                new BigDecimal("1500"), null, false, false));

        JsonNode changed = json(events.await(r -> is(r, id, MEMBER_CHANGED), 1).get(0).value());
        assertThat(changed.get("member").get("employmentStatus").asText()).isEqualTo("EMPLOYED_UNSTABLE");
        assertThat(changed.get("source").asText()).isEqualTo("PLACEMENT");
        assertThat(events.seen().stream().filter(r -> is(r, id, ENDED))).isEmpty();
    }

    @Test
    void shouldExitAfterThreeRefusalsWithoutReason() {
        JsonNode household = registered(household(HEPING, List.of(adult(today, 40, true, "UNEMPLOYED"))));
        UUID id = UUID.fromString(household.get("id").asText());
        UUID member = UUID.fromString(household.get("members").get(0).get("id").asText());

        for (int refusals = 1; refusals <= 3; refusals++) {
            publish(id, new OfferDeclined(UUID.randomUUID(), id, HEPING, member, UUID.randomUUID(), "not interested", false,
                    refusals, today));
        }

        JsonNode ended = json(events.await(r -> is(r, id, ENDED), 1).get(0).value());
        assertThat(ended.get("reason").asText()).isEqualTo("EXITED");
    }

    private void publish(UUID household, Record payload) {
        EventType type = EventType.of(payload);
        kafka.send(Topics.PLACEMENT_EVENTS, household.toString(), Map.of(CloudEvent.SPECVERSION, "1.0",
                CloudEvent.ID, UUID.randomUUID().toString(), CloudEvent.TYPE, type.type(),
                CloudEvent.SOURCE, "/wanjia/placement-service", CloudEvent.TIME, Instant.now().toString()),
                Fixtures.write(payload));
    }
}
