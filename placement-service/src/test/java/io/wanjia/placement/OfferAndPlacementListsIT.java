package io.wanjia.placement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.commons.time.AdjustableClock;

/**
 * The staff console's lists (#19): an area's offers with their answers and its placements, newest first, by status,
 * household or whether active, never another area's rows.
 */
@QuarkusTest
class OfferAndPlacementListsIT {

    /** 沈阳市沈北新区 and 新民市: only this test writes households in them (于洪区 210114 is the chaos run's, which counts its figures). */
    private static final String SHENBEI = "210113";
    private static final String XINMIN = "210181";

    @Inject
    AdjustableClock clock;

    KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void shouldListTheAreasOffersNewestFirstByStatusAndHousehold() {
        UUID household = UUID.randomUUID(), neighbour = UUID.randomUUID(), elsewhere = UUID.randomUUID();
        UUID member = candidate(household, SHENBEI), neighbourMember = candidate(neighbour, SHENBEI), otherMember = candidate(elsewhere, XINMIN);
        String post = post(SHENBEI, "沈北新区仓储理货员"), otherPost = post(XINMIN, "新民市仓储理货员");

        String declined = offer(SHENBEI, member, post);
        officer(SHENBEI).body(Map.of("reason", "离家太远", "reasonable", true)).post("/api/v1/offers/{id}/decline", declined)
                .then().statusCode(200);
        String accepted = offer(SHENBEI, member, post);
        String placement = officer(SHENBEI).body(Map.of()).post("/api/v1/offers/{id}/accept", accepted).then().statusCode(201)
                .extract().path("id");
        String pending = offer(SHENBEI, neighbourMember, post);
        String otherArea = offer(XINMIN, otherMember, otherPost);

        JsonPath area = page(officer(SHENBEI).queryParam("size", 500).get("/api/v1/offers"));
        assertThat(area.getList("items.districtCode", String.class)).as("the area's rows only").containsOnly(SHENBEI);
        assertThat(area.getList("items.id", String.class)).as("newest first").containsSubsequence(pending, accepted, declined)
                .doesNotContain(otherArea);
        assertThat(area.getLong("total")).isEqualTo(area.getList("items").size());

        JsonPath ofHousehold = page(officer(SHENBEI).queryParam("householdId", household).get("/api/v1/offers"));
        assertThat(ofHousehold.getList("items.id", String.class)).containsExactly(accepted, declined);
        assertThat(ofHousehold.getList("items.status", String.class)).containsExactly("ACCEPTED", "DECLINED");
        assertThat(ofHousehold.getString("items[0].placementId")).as("the placement it led to").isEqualTo(placement);
        assertThat(ofHousehold.getString("items[1].reason")).isEqualTo("离家太远");
        assertThat(ofHousehold.getInt("total")).isEqualTo(2);

        assertThat(page(officer(SHENBEI).queryParam("householdId", household).queryParam("status", "DECLINED").get("/api/v1/offers"))
                .getList("items.id", String.class)).containsExactly(declined);
        assertThat(page(officer(SHENBEI).queryParam("status", "MADE").queryParam("size", 500).get("/api/v1/offers"))
                .getList("items.id", String.class)).contains(pending).doesNotContain(accepted, declined);

        JsonPath secondPage = page(officer(SHENBEI).queryParam("householdId", household).queryParam("size", 1).queryParam("page", 1)
                .get("/api/v1/offers"));
        assertThat(secondPage.getList("items.id", String.class)).containsExactly(declined);
        assertThat(secondPage.getInt("total")).isEqualTo(2);

        JsonPath anotherAreasHousehold = page(officer(SHENBEI).queryParam("householdId", elsewhere).get("/api/v1/offers"));
        assertThat(anotherAreasHousehold.getList("items")).as("a household of another area shows nothing").isEmpty();
        assertThat(anotherAreasHousehold.getInt("total")).isZero();
        assertThat(page(officer("2101").queryParam("size", 500).get("/api/v1/offers")).getList("items.id", String.class))
                .as("the city sees both districts").contains(otherArea, pending);
    }

    @Test
    void shouldListTheAreasPlacementsNewestFirstByHouseholdAndWhetherActive() {
        UUID household = UUID.randomUUID(), neighbour = UUID.randomUUID(), elsewhere = UUID.randomUUID();
        UUID member = candidate(household, SHENBEI), neighbourMember = candidate(neighbour, SHENBEI), otherMember = candidate(elsewhere, XINMIN);
        String post = post(SHENBEI, "沈北新区保安员"), otherPost = post(XINMIN, "新民市保安员");

        String ended = place(SHENBEI, member, post);
        officer(SHENBEI).body(Map.of("reason", "合同到期")).post("/api/v1/placements/{id}/end", ended).then().statusCode(200);
        String active = place(SHENBEI, member, post);
        String neighbours = place(SHENBEI, neighbourMember, post);
        String otherArea = place(XINMIN, otherMember, otherPost);

        JsonPath area = page(officer(SHENBEI).queryParam("size", 500).get("/api/v1/placements"));
        assertThat(area.getList("items.districtCode", String.class)).as("the area's rows only").containsOnly(SHENBEI);
        assertThat(area.getList("items.id", String.class)).as("newest first").containsSubsequence(neighbours, active, ended)
                .doesNotContain(otherArea);

        JsonPath ofHousehold = page(officer(SHENBEI).queryParam("householdId", household).get("/api/v1/placements"));
        assertThat(ofHousehold.getList("items.id", String.class)).containsExactly(active, ended);
        assertThat(ofHousehold.getList("items.status", String.class)).containsExactly("ACTIVE", "ENDED");
        assertThat(ofHousehold.getInt("total")).isEqualTo(2);
        assertThat(page(officer(SHENBEI).queryParam("householdId", household).queryParam("active", true).get("/api/v1/placements"))
                .getList("items.id", String.class)).containsExactly(active);
        assertThat(page(officer(SHENBEI).queryParam("active", false).queryParam("size", 500).get("/api/v1/placements"))
                .getList("items.id", String.class)).contains(ended).doesNotContain(active, neighbours);

        JsonPath anotherAreasHousehold = page(officer(SHENBEI).queryParam("householdId", elsewhere).get("/api/v1/placements"));
        assertThat(anotherAreasHousehold.getList("items")).as("a household of another area shows nothing").isEmpty();
        assertThat(anotherAreasHousehold.getInt("total")).isZero();
        given().header("Authorization", Tokens.bearer("caseworker", SHENBEI)).get("/api/v1/placements").then().statusCode(403);
    }

    /** A member of a new zero-employment household of {@code district}, once placement-service knows them. */
    private UUID candidate(UUID household, String district) {
        UUID member = UUID.randomUUID();
        HouseholdEvents.started(kafka, household, district, LocalDate.now(clock), member, 40, List.of("warehousing"));
        await().atMost(Duration.ofSeconds(30)).until(() -> officer(district).queryParam("size", 500).get("/api/v1/candidates")
                .then().extract().jsonPath().getList("memberId").contains(member.toString()));
        return member;
    }

    private static String post(String district, String title) {
        return officer(district).body(Map.of("kind", "ENTERPRISE", "employer", "沈阳北方物流有限公司", "districtCode", district, "title", title,
                "monthlyWage", 3300, "openings", 10, "contractMonths", 12, "socialInsurancePaid", true, "skills", List.of("warehousing")))
                .post("/api/v1/posts").then().statusCode(201).extract().path("id");
    }

    private static String offer(String district, UUID member, String post) {
        return officer(district).body(Map.of("memberId", member.toString(), "postId", post)).post("/api/v1/offers").then()
                .statusCode(201).extract().path("id");
    }

    private static String place(String district, UUID member, String post) {
        return officer(district).body(Map.of()).post("/api/v1/offers/{id}/accept", offer(district, member, post)).then()
                .statusCode(201).extract().path("id");
    }

    private static JsonPath page(Response response) {
        return response.then().statusCode(200).extract().jsonPath();
    }

    private static RequestSpecification officer(String area) {
        return given().header("Authorization", Tokens.bearer("placement-officer", area)).contentType("application/json");
    }
}
