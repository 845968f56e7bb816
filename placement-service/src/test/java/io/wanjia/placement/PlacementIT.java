package io.wanjia.placement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import io.wanjia.commons.time.AdjustableClock;
import io.wanjia.contracts.Topics;

/** Candidates from household events, suggestions with reasons, offers, placements racing for openings, follow-ups. */
@QuarkusTest
class PlacementIT {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String HEPING = "210102";
    private static final String PLACED = "wanjia.placement.member-placed.v1";
    private static final String DECLINED = "wanjia.placement.offer-declined.v1";
    private static final String ENDED = "wanjia.placement.placement-ended.v1";

    @Inject
    AdjustableClock clock;

    KafkaTestClient kafka;
    KafkaTestClient.Watch events;

    @BeforeEach
    void watch() {
        kafka = new KafkaTestClient();
        events = kafka.watch(Topics.PLACEMENT_EVENTS);
    }

    @AfterEach
    void close() {
        events.close();
        kafka.close();
    }

    @Test
    void shouldMakeTheMembersOfAZeroEmploymentHouseholdCandidates() {
        UUID household = UUID.randomUUID();
        UUID member = UUID.randomUUID();

        started(household, LocalDate.now(clock), member, 45, List.of("welding"));

        awaitCandidate(member);
        given().header("Authorization", Tokens.bearer("placement-officer", "210103")).queryParam("size", 500).get("/api/v1/candidates")
                .then().statusCode(200).body("memberId", not(hasItem(member.toString())));
    }

    @Test
    void shouldRankAMatchingPostFirstExplainWhyAndAddPublicWelfareFromTheFallbackDay() throws IOException {
        UUID household = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        started(household, LocalDate.now(clock), member, 45, List.of("welding", "driving"));
        awaitCandidate(member);
        String welding = post("ENTERPRISE", "焊工", 3, 18, 50, List.of("welding"), 12);
        String office = post("ENTERPRISE", "会计", 3, 20, 35, List.of("accounting"), 12);
        String cleaning = post("PUBLIC_WELFARE", "社区保洁", 3, null, null, List.of(), 12);

        JsonNode day1 = suggestions(household).get(0).get("posts");
        assertThat(day1.findValuesAsText("postId")).contains(welding).doesNotContain(office, cleaning);
        JsonNode first = day1.get(0);
        assertThat(first.get("postId").asText()).isEqualTo(welding);
        assertThat(first.get("reasons").toString()).contains("same district", "skills: welding");

        clock.advance(Duration.ofDays(14)); // day 15
        try {
            JsonNode day15 = suggestions(household).get(0).get("posts");
            assertThat(day15.findValuesAsText("postId")).contains(welding, cleaning).doesNotContain(office);
            assertThat(day15.findValuesAsText("postId").indexOf(welding)).isLessThan(day15.findValuesAsText("postId").indexOf(cleaning));
        } finally {
            clock.advance(Duration.ofDays(-14));
        }
    }

    @Test
    void shouldPublishMemberPlacedWithThePlacementsFactsWhenAnOfferIsAccepted() {
        UUID household = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        started(household, LocalDate.now(clock), member, 40, List.of("driving"));
        awaitCandidate(member);
        String post = post("ENTERPRISE", "司机", 2, 18, 55, List.of("driving"), 12);

        String offer = offer(member, post);
        String placement = officer().body(Map.of()).post("/api/v1/offers/{id}/accept", offer).then().statusCode(201)
                .body("kind", equalTo("ENTERPRISE")).extract().path("id");

        JsonNode placed = json(events.await(r -> is(r, household, PLACED), 1).get(0).value());
        assertThat(placed.get("placementId").asText()).isEqualTo(placement);
        assertThat(placed.get("memberId").asText()).isEqualTo(member.toString());
        assertThat(placed.get("contractMonths").asInt()).isEqualTo(12);
        assertThat(placed.get("monthlyWage").decimalValue()).isEqualByComparingTo("3200");
        assertThat(placed.get("socialInsurancePaid").asBoolean()).isTrue();
        assertThat(placed.get("startDate").asText()).isEqualTo(LocalDate.now(clock).toString());
        assertThat(placed.get("monthlyPostSubsidy").isNull()).as("an enterprise job costs no public subsidy").isTrue();
        officer().get("/api/v1/posts/{id}", post).then().statusCode(200).body("openingsLeft", equalTo(1));
    }

    @Test
    void shouldCarryAPublicWelfarePostsMonthlySubsidiesOnItsPlacement() {
        UUID household = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        started(household, LocalDate.now(clock), member, 45, List.of());
        awaitCandidate(member);
        String post = post("PUBLIC_WELFARE", "社区保洁", 1, 18, 60, List.of(), 12);

        officer().body(Map.of()).post("/api/v1/offers/{id}/accept", offer(member, post)).then().statusCode(201);

        JsonNode placed = json(events.await(r -> is(r, household, PLACED), 1).get(0).value());
        assertThat(placed.get("kind").asText()).isEqualTo("PUBLIC_WELFARE");
        assertThat(placed.get("monthlyPostSubsidy").decimalValue()).as("what the post costs the budget a month").isEqualByComparingTo("1500");
        assertThat(placed.get("monthlySocialInsuranceSubsidy").decimalValue()).isEqualByComparingTo("600");
    }

    @Test
    void shouldGiveTheLastOpeningToExactlyOneOfTwoRacingAccepts() throws Exception {
        String post = post("PUBLIC_WELFARE", "公园管理员", 1, null, null, List.of(), 12);
        List<String> offers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            UUID household = UUID.randomUUID();
            UUID member = UUID.randomUUID();
            started(household, LocalDate.now(clock), member, 35 + i, List.of());
            awaitCandidate(member);
            offers.add(offer(member, post));
        }

        ExecutorService racers = Executors.newFixedThreadPool(2);
        List<Future<Integer>> answers = new ArrayList<>();
        for (String offer : offers) {
            Callable<Integer> accept = () -> officer().body(Map.of()).post("/api/v1/offers/{id}/accept", offer).then().extract().statusCode();
            answers.add(racers.submit(accept));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        racers.shutdown();

        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        officer().get("/api/v1/posts/{id}", post).then().statusCode(200).body("openingsLeft", equalTo(0));
    }

    @Test
    void shouldAnswer404ForAPlacementOfAnotherArea() {
        UUID household = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        started(household, LocalDate.now(clock), member, 40, List.of());
        awaitCandidate(member);
        String placement = officer().body(Map.of()).post("/api/v1/offers/{id}/accept",
                offer(member, post("FLEXIBLE", "外卖配送", 5, 18, 60, List.of(), null))).then().statusCode(201).extract().path("id");

        given().header("Authorization", Tokens.bearer("placement-officer", "210103")).get("/api/v1/placements/{id}", placement)
                .then().statusCode(404);
        given().header("Authorization", Tokens.bearer("placement-officer", "210103")).contentType("application/json")
                .body(Map.of("reason", "x")).post("/api/v1/placements/{id}/end", placement).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("placement-officer", "210103")).contentType("application/json")
                .body(Map.of("memberId", member.toString(), "postId", UUID.randomUUID().toString()))
                .post("/api/v1/offers").then().statusCode(404);
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/placements/{id}", placement)
                .then().statusCode(403);
    }

    @Test
    void shouldCountRefusalsWithoutReasonOnDeclinedOffers() {
        UUID household = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        started(household, LocalDate.now(clock), member, 40, List.of());
        awaitCandidate(member);
        String post = post("PUBLIC_WELFARE", "社区保洁", 5, null, null, List.of(), 12);

        decline(offer(member, post), "too far from home", false);
        decline(offer(member, post), "caring for a sick parent", true);
        decline(offer(member, post), "does not like the work", false);

        List<ConsumerRecord<String, String>> declined = events.await(r -> is(r, household, DECLINED), 3);
        assertThat(declined).extracting(r -> json(r.value()).get("unreasonableRefusals").asInt()).containsExactly(1, 1, 2);
    }

    @Test
    void shouldBringFollowUpsDueAtTheConfiguredMonthsAndEndThePlacementWhenTheMemberLeft() {
        UUID household = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        started(household, LocalDate.now(clock), member, 40, List.of());
        awaitCandidate(member);
        String placement = officer().body(Map.of()).post("/api/v1/offers/{id}/accept",
                offer(member, post("ENTERPRISE", "仓库管理员", 5, 18, 60, List.of(), 12))).then().statusCode(201).extract().path("id");
        LocalDate start = LocalDate.now(clock);

        assertThat(dueFor(placement, start.plusMonths(1).minusDays(1))).isEmpty();
        assertThat(dueFor(placement, start.plusMonths(1))).extracting(f -> f.get("monthsAfter").asInt()).containsExactly(1);
        assertThat(dueFor(placement, start.plusMonths(6))).extracting(f -> f.get("monthsAfter").asInt()).containsExactly(1, 3, 6);

        Duration month = Duration.ofDays(start.plusMonths(1).toEpochDay() - start.toEpochDay());
        clock.advance(month);
        try {
            List<JsonNode> due = dueFor(placement, null);
            assertThat(due).extracting(f -> f.get("monthsAfter").asInt()).containsExactly(1);
            officer().body(Map.of("result", "LEFT", "note", "the member moved to Dalian"))
                    .post("/api/v1/follow-ups/{id}", due.get(0).get("id").asText()).then().statusCode(200);

            JsonNode ended = json(events.await(r -> is(r, household, ENDED), 1).get(0).value());
            assertThat(ended.get("placementId").asText()).isEqualTo(placement);
            assertThat(ended.get("endedOn").asText()).isEqualTo(LocalDate.now(clock).toString());
            officer().get("/api/v1/placements/{id}", placement).then().statusCode(200).body("status", equalTo("ENDED"));
        } finally {
            clock.advance(month.negated());
        }
    }

    private List<JsonNode> dueFor(String placement, LocalDate by) {
        var request = officer();
        if (by != null) {
            request = request.queryParam("by", by.toString());
        }
        JsonNode all = json(request.get("/api/v1/follow-ups/due").then().statusCode(200).extract().asString());
        List<JsonNode> mine = new ArrayList<>();
        all.forEach(f -> {
            if (f.get("placementId").asText().equals(placement)) {
                mine.add(f);
            }
        });
        return mine;
    }

    private void started(UUID household, LocalDate since, UUID member, int age, List<String> skills) {
        HouseholdEvents.started(kafka, household, HEPING, since, member, age, skills);
    }

    private void awaitCandidate(UUID member) {
        await().atMost(Duration.ofSeconds(30)).until(() -> officer().queryParam("size", 500).get("/api/v1/candidates")
                .then().extract().jsonPath().getList("memberId").contains(member.toString()));
    }

    private String post(String kind, String title, int openings, Integer minAge, Integer maxAge, List<String> skills, Integer months) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        body.put("employer", "沈阳市和平区人力资源服务中心");
        body.put("districtCode", HEPING);
        body.put("title", title);
        body.put("monthlyWage", kind.equals("PUBLIC_WELFARE") ? 2100 : 3200);
        body.put("openings", openings);
        body.put("contractMonths", months);
        body.put("socialInsurancePaid", true);
        body.put("minAge", minAge);
        body.put("maxAge", maxAge);
        body.put("skills", skills);
        if (kind.equals("PUBLIC_WELFARE")) {
            body.put("funding", Map.of("budget", "EMPLOYMENT_FUND", "monthlyPostSubsidy", 1500, "monthlySocialInsuranceSubsidy", 600));
        }
        return officer().body(body).post("/api/v1/posts").then().statusCode(201).extract().path("id");
    }

    private String offer(UUID member, String post) {
        return officer().body(Map.of("memberId", member.toString(), "postId", post)).post("/api/v1/offers")
                .then().statusCode(201).extract().path("id");
    }

    private void decline(String offer, String reason, boolean reasonable) {
        officer().body(Map.of("reason", reason, "reasonable", reasonable)).post("/api/v1/offers/{id}/decline", offer)
                .then().statusCode(200).body("status", equalTo("DECLINED"));
    }

    private JsonNode suggestions(UUID household) {
        return json(officer().get("/api/v1/households/{id}/suggestions", household).then().statusCode(200).extract().asString());
    }

    private static io.restassured.specification.RequestSpecification officer() {
        return given().header("Authorization", Tokens.bearer("placement-officer", HEPING)).contentType("application/json");
    }

    private static boolean is(ConsumerRecord<String, String> record, UUID household, String type) {
        return household.toString().equals(record.key()) && type.equals(KafkaTestClient.header(record, CloudEvent.TYPE));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
