package io.wanjia.placement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.commons.time.AdjustableClock;

/**
 * Case workers in the staff console (#19): they see a household's suggested posts with the reasons, make an offer and
 * follow what became of it, within their area as placement officers do; answers, placements and posts stay the officers'.
 */
@QuarkusTest
class CaseworkerOffersIT {

    /** 沈阳市辽中区: only this test writes in it. */
    private static final String LIAOZHONG = "210115";
    /** Case workers elsewhere: another district of the city (于洪区) and a district of another city (大连市中山区). */
    private static final List<String> OUTSIDE = List.of("210114", "210202");

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
    void shouldLetACaseworkerOfTheAreaSeeSuggestionsWithReasonsMakeAnOfferAndFollowItButNotAnswerIt() throws IOException {
        UUID household = UUID.randomUUID();
        UUID member = candidate(household);
        String post = post("辽中区叉车司机");

        JsonNode suggested = HouseholdEvents.JSON.readTree(caseworker(LIAOZHONG).get("/api/v1/households/{id}/suggestions", household)
                .then().statusCode(200).extract().asString());
        assertThat(suggested.get(0).get("candidate").get("memberId").asText()).isEqualTo(member.toString());
        JsonNode ours = null;
        for (JsonNode suggestion : suggested.get(0).get("posts")) {
            ours = suggestion.get("postId").asText().equals(post) ? suggestion : ours;
        }
        assertThat(ours).as("the district's forklift post among the suggestions").isNotNull();
        assertThat(ours.get("fits").asBoolean()).isTrue();
        assertThat(ours.get("reasons").toString()).contains("same district", "skills: forklift");

        String offer = caseworker(LIAOZHONG).body(Map.of("memberId", member.toString(), "postId", post)).post("/api/v1/offers")
                .then().statusCode(201).body("status", equalTo("MADE")).body("householdId", equalTo(household.toString()))
                .extract().path("id");

        caseworker(LIAOZHONG).get("/api/v1/offers/{id}", offer).then().statusCode(200).body("status", equalTo("MADE"))
                .body("placementId", nullValue());
        caseworker(LIAOZHONG).body(Map.of("reason", "离家太远", "reasonable", true)).post("/api/v1/offers/{id}/decline", offer).then()
                .statusCode(403);
        caseworker(LIAOZHONG).body(Map.of()).post("/api/v1/offers/{id}/accept", offer).then().statusCode(403);
        officer().body(Map.of()).post("/api/v1/offers/{id}/accept", offer).then().statusCode(201);
        String placement = caseworker(LIAOZHONG).get("/api/v1/offers/{id}", offer).then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).extract().path("placementId");
        assertThat(placement).as("what became of the offer").isNotNull();
        caseworker(LIAOZHONG).queryParam("householdId", household).get("/api/v1/offers").then().statusCode(200)
                .body("items.id", equalTo(List.of(offer))).body("total", equalTo(1));
        caseworker(LIAOZHONG).get("/api/v1/placements/{id}", placement).then().statusCode(403);
        caseworker(LIAOZHONG).get("/api/v1/placements").then().statusCode(403);
        // The post offered is readable (its title and employer on the household's page); changing it is not theirs.
        caseworker(LIAOZHONG).get("/api/v1/posts/{id}", post).then().statusCode(200).body("id", equalTo(post));
        caseworker(LIAOZHONG).body(Map.of("title", "改名")).patch("/api/v1/posts/{id}", post).then().statusCode(403);
        caseworker(LIAOZHONG).get("/api/v1/posts").then().statusCode(403);
        caseworker(LIAOZHONG).get("/api/v1/candidates").then().statusCode(403);
    }

    @Test
    void shouldAnswer404ToACaseworkerOfAnotherAreaAndListNothingOfTheHousehold() {
        UUID household = UUID.randomUUID();
        UUID member = candidate(household);
        String post = post("辽中区仓库管理员");
        String offer = officer().body(Map.of("memberId", member.toString(), "postId", post)).post("/api/v1/offers").then()
                .statusCode(201).extract().path("id");

        for (String area : OUTSIDE) {
            String refusal = caseworker(area).get("/api/v1/households/{id}/suggestions", household).then().statusCode(404).extract().asString();
            assertThat(refusal).as("never the household's content").doesNotContain(LIAOZHONG, member.toString(), post);
            caseworker(area).body(Map.of("memberId", member.toString(), "postId", post)).post("/api/v1/offers").then().statusCode(404);
            caseworker(area).get("/api/v1/offers/{id}", offer).then().statusCode(404);
            caseworker(area).queryParam("householdId", household).get("/api/v1/offers").then().statusCode(200)
                    .body("items", equalTo(List.of())).body("total", equalTo(0));
        }
        officer().queryParam("householdId", household).get("/api/v1/offers").then().statusCode(200).body("items.id", equalTo(List.of(offer)));
    }

    @Test
    void shouldRefuseAnOfficialTheSuggestionsAndOffersACaseworkerOfTheSameAreaGets() {
        UUID household = UUID.randomUUID();
        UUID member = candidate(household);
        String post = post("辽中区保洁员");
        String offer = officer().body(Map.of("memberId", member.toString(), "postId", post)).post("/api/v1/offers").then()
                .statusCode(201).extract().path("id");

        official().get("/api/v1/households/{id}/suggestions", household).then().statusCode(403);
        official().body(Map.of("memberId", member.toString(), "postId", post)).post("/api/v1/offers").then().statusCode(403);
        official().get("/api/v1/offers/{id}", offer).then().statusCode(403);
        official().queryParam("householdId", household).get("/api/v1/offers").then().statusCode(403);

        caseworker(LIAOZHONG).get("/api/v1/households/{id}/suggestions", household).then().statusCode(200);
        caseworker(LIAOZHONG).get("/api/v1/offers/{id}", offer).then().statusCode(200);
        caseworker(LIAOZHONG).queryParam("householdId", household).get("/api/v1/offers").then().statusCode(200)
                .body("items.id", equalTo(List.of(offer)));
        officer().queryParam("householdId", household).get("/api/v1/offers").then().statusCode(200)
                .body("items.id", equalTo(List.of(offer))).body("items[0].status", equalTo("MADE"));
    }

    /** A member of a new zero-employment household of 辽中区, once placement-service knows them. */
    private UUID candidate(UUID household) {
        UUID member = UUID.randomUUID();
        HouseholdEvents.started(kafka, household, LIAOZHONG, LocalDate.now(clock), member, 38, List.of("forklift"));
        await().atMost(Duration.ofSeconds(30)).until(() -> officer().queryParam("size", 500).get("/api/v1/candidates")
                .then().extract().jsonPath().getList("memberId").contains(member.toString()));
        return member;
    }

    private static String post(String title) {
        return officer().body(Map.of("kind", "ENTERPRISE", "employer", "辽中区物流园", "districtCode", LIAOZHONG, "title", title,
                "monthlyWage", 3400, "openings", 3, "contractMonths", 12, "socialInsurancePaid", true, "skills", List.of("forklift")))
                .post("/api/v1/posts").then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification officer() {
        return given().header("Authorization", Tokens.bearer("placement-officer", LIAOZHONG)).contentType("application/json");
    }

    private static RequestSpecification official() {
        return given().header("Authorization", Tokens.bearer("official", LIAOZHONG)).contentType("application/json");
    }

    private static RequestSpecification caseworker(String area) {
        return given().header("Authorization", Tokens.bearer("caseworker", area)).contentType("application/json");
    }
}
