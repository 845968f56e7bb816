package io.wanjia.placement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
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
 * What crosses districts: a post stays in its district's area unless that district opens it to the whole city; then
 * officers of the city's other districts see it among their candidates' suggestions, read it, offer it and place
 * into it. Nothing of another city crosses (#15, item 2).
 */
@QuarkusTest
class CrossDistrictPostsIT {

    /** 沈阳市沈河区, 沈阳市大东区 and 大连市西岗区: only this test writes posts in them. */
    private static final String SHENHE = "210103";
    private static final String DADONG = "210104";
    private static final String XIGANG = "210203";

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
    void shouldSuggestAndOfferAnotherDistrictsPostOnlyWhenItIsOpenToTheCity() {
        UUID household = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        started(household, member);
        await().atMost(Duration.ofSeconds(30)).until(() -> officer(SHENHE).queryParam("size", 500).get("/api/v1/candidates")
                .then().extract().jsonPath().getList("memberId").contains(member.toString()));
        String own = post(SHENHE, "沈河区焊工", false);
        String closedToCity = post(DADONG, "大东区焊工", false);
        String openToCity = post(DADONG, "大东区机修焊工", true);
        String otherCity = post(XIGANG, "西岗区焊工", true);

        JsonNode suggested = json(officer(SHENHE).get("/api/v1/households/{id}/suggestions", household).then().statusCode(200)
                .extract().asString());
        assertThat(suggested.findValuesAsText("postId")).contains(own, openToCity).doesNotContain(closedToCity, otherCity);
        assertThat(suggested.toString()).doesNotContain("大东区焊工").doesNotContain("西岗区焊工");

        officer(SHENHE).get("/api/v1/posts/{id}", closedToCity).then().statusCode(404);
        officer(SHENHE).get("/api/v1/posts/{id}", openToCity).then().statusCode(200);
        officer(SHENHE).body(Map.of("memberId", member.toString(), "postId", closedToCity)).post("/api/v1/offers").then().statusCode(404);
        officer(SHENHE).contentType("application/json").body(Map.of("title", "改名")).patch("/api/v1/posts/{id}", openToCity)
                .then().statusCode(404);

        String offer = officer(SHENHE).body(Map.of("memberId", member.toString(), "postId", openToCity)).post("/api/v1/offers")
                .then().statusCode(201).extract().path("id");
        officer(SHENHE).body(Map.of()).post("/api/v1/offers/{id}/accept", offer).then().statusCode(201);
        officer(DADONG).get("/api/v1/posts/{id}", openToCity).then().statusCode(200)
                .body("openingsLeft", org.hamcrest.Matchers.equalTo(1)).body("openToCity", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void shouldRefuseTheAcceptOfAnOfferWhosePostWasClosedToTheCityMeanwhile() {
        UUID household = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        started(household, member);
        await().atMost(Duration.ofSeconds(30)).until(() -> officer(SHENHE).queryParam("size", 500).get("/api/v1/candidates")
                .then().extract().jsonPath().getList("memberId").contains(member.toString()));
        String shared = post(DADONG, "大东区叉车司机", true);
        String offer = officer(SHENHE).body(Map.of("memberId", member.toString(), "postId", shared)).post("/api/v1/offers")
                .then().statusCode(201).extract().path("id");

        officer(DADONG).body(Map.of("openToCity", false)).patch("/api/v1/posts/{id}", shared).then().statusCode(200);

        officer(SHENHE).body(Map.of()).post("/api/v1/offers/{id}/accept", offer).then().statusCode(409)
                .body("rule", org.hamcrest.Matchers.equalTo("open-to-your-district"));
    }

    private void started(UUID household, UUID member) {
        HouseholdEvents.started(kafka, household, SHENHE, LocalDate.now(clock), member, 40, List.of("welding"));
    }

    private static String post(String district, String title, boolean openToCity) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "ENTERPRISE");
        body.put("employer", "沈阳重型机械厂");
        body.put("districtCode", district);
        body.put("title", title);
        body.put("monthlyWage", 3500);
        body.put("openings", 2);
        body.put("contractMonths", 12);
        body.put("socialInsurancePaid", true);
        body.put("skills", List.of("welding"));
        body.put("openToCity", openToCity);
        return officer(district).body(body).post("/api/v1/posts").then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification officer(String area) {
        return given().header("Authorization", Tokens.bearer("placement-officer", area)).contentType("application/json");
    }

    private static JsonNode json(String text) {
        try {
            return HouseholdEvents.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
