package io.wanjia.placement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.commons.time.AdjustableClock;
import io.wanjia.contracts.Topics;

/**
 * Training (技能培训): courses of an area, referrals of candidates, attendance and the end of a referral, each published on
 * {@code placement.events.v1}; a completed course's skill makes the posts that ask for it fit (#17, item 1).
 */
@QuarkusTest
class TrainingIT {

    /** 沈阳市皇姑区 and 沈阳市苏家屯区, where only this test writes; 大连市甘井子区, another city. */
    private static final String HUANGGU = "210105";
    private static final String SUJIATUN = "210111";
    private static final String GANJINGZI = "210211";
    private static final String REFERRED = "wanjia.placement.training-referred.v1";
    private static final String COMPLETED = "wanjia.placement.training-completed.v1";

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
    void shouldMakeAPostAskingForTheCoursesSkillFitOnceTheMemberCompletedTheCourse() {
        UUID household = UUID.randomUUID();
        UUID member = candidate(household, HUANGGU, List.of("cleaning"));
        String care = post(HUANGGU, "养老护理员", List.of("elderly-care"));
        assertThat(suggested(household, HUANGGU)).doesNotContain(care);
        LocalDate today = LocalDate.now(clock);
        String course = course(HUANGGU, "elderly-care", today, today.plusDays(30), false);

        String referral = officer(HUANGGU).body(Map.of("memberId", member.toString(), "courseId", course)).post("/api/v1/training-referrals")
                .then().statusCode(201).body("status", equalTo("REFERRED")).body("districtCode", equalTo(HUANGGU))
                .body("skill", equalTo("elderly-care")).extract().path("id");
        officer(HUANGGU).body(Map.of("on", today.toString())).post("/api/v1/training-referrals/{id}/attendance", referral).then()
                .statusCode(200).body("status", equalTo("ATTENDING")).body("attendingFrom", equalTo(today.toString()));
        assertThat(suggested(household, HUANGGU)).as("attending is not yet knowing").doesNotContain(care);
        officer(HUANGGU).body(Map.of("outcome", "COMPLETED")).post("/api/v1/training-referrals/{id}/completion", referral).then()
                .statusCode(200).body("status", equalTo("COMPLETED")).body("endedOn", equalTo(today.toString()));

        JsonNode suggestions = suggestions(household, HUANGGU).get(0);
        assertThat(suggestions.get("candidate").get("skills").toString()).isEqualTo("[\"cleaning\"]");
        assertThat(suggestions.get("candidate").get("trainedSkills").toString()).isEqualTo("[\"elderly-care\"]");
        JsonNode fitting = find(suggestions.get("posts"), "postId", care);
        assertThat(fitting).as("the post asking for elderly-care among the suggestions").isNotNull();
        assertThat(fitting.get("fits").asBoolean()).isTrue();
        assertThat(fitting.get("reasons").toString()).contains("+10 skills: elderly-care");
        officer(HUANGGU).queryParam("size", 500).get("/api/v1/candidates").then().statusCode(200)
                .body("find { it.memberId == '" + member + "' }.trainedSkills", equalTo(List.of("elderly-care")));

        JsonNode referred = json(events.await(r -> is(r, household, REFERRED), 1).get(0).value());
        assertThat(fieldNames(referred)).containsExactlyInAnyOrder("referralId", "householdId", "districtCode", "memberId", "courseId",
                "skill", "courseStartDate", "courseEndDate", "referredOn");
        assertThat(referred.get("referralId").asText()).isEqualTo(referral);
        assertThat(referred.get("memberId").asText()).isEqualTo(member.toString());
        assertThat(referred.get("courseId").asText()).isEqualTo(course);
        assertThat(referred.get("courseEndDate").asText()).isEqualTo(today.plusDays(30).toString());
        JsonNode completed = json(events.await(r -> is(r, household, COMPLETED), 1).get(0).value());
        assertThat(completed.get("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(completed.get("skill").asText()).isEqualTo("elderly-care");
        assertThat(completed.get("districtCode").asText()).isEqualTo(HUANGGU);
        assertThat(completed.get("attendedFrom").asText()).isEqualTo(today.toString());
        assertThat(completed.get("endedOn").asText()).isEqualTo(today.toString());
    }

    @Test
    void shouldAddNoSkillWhenTheMemberDroppedOut() {
        UUID household = UUID.randomUUID();
        UUID member = candidate(household, HUANGGU, List.of());
        String forklift = post(HUANGGU, "叉车司机", List.of("forklift"));
        LocalDate today = LocalDate.now(clock);
        String referral = refer(HUANGGU, member, course(HUANGGU, "forklift", today, today.plusDays(14), false));

        officer(HUANGGU).body(Map.of("outcome", "DROPPED_OUT")).post("/api/v1/training-referrals/{id}/completion", referral).then()
                .statusCode(200).body("status", equalTo("DROPPED_OUT"));

        JsonNode ended = json(events.await(r -> is(r, household, COMPLETED), 1).get(0).value());
        assertThat(ended.get("outcome").asText()).isEqualTo("DROPPED_OUT");
        assertThat(ended.get("attendedFrom").isNull()).isTrue();
        assertThat(suggested(household, HUANGGU)).doesNotContain(forklift);
        assertThat(suggestions(household, HUANGGU).get(0).get("candidate").get("trainedSkills").size()).isZero();
    }

    @Test
    void shouldAnswerACourseThatDoesNotHoldTogetherWithAProblemNamingTheFieldAndRule() {
        LocalDate today = LocalDate.now(clock);
        problem(createCourse(HUANGGU, courseBody(HUANGGU, "welding", today, today.minusDays(1), null)), 400, "endDate", "not-before-start-date");
        Map<String, Object> subsidisedWithout = courseBody(HUANGGU, "welding", today, today.plusDays(5), null);
        subsidisedWithout.put("cost", "SUBSIDISED");
        problem(createCourse(HUANGGU, subsidisedWithout), 400, "subsidyAmount", "required-when-subsidised");
        Map<String, Object> freeWith = courseBody(HUANGGU, "welding", today, today.plusDays(5), null);
        freeWith.put("subsidyAmount", 800);
        problem(createCourse(HUANGGU, freeWith), 400, "subsidyAmount", "only-when-subsidised");
        createCourse(HUANGGU, courseBody(HUANGGU, "welding,cutting", today, today.plusDays(5), null)).statusCode(400)
                .body("field", equalTo("skill"));
        problem(createCourse(HUANGGU, courseBody(SUJIATUN, "welding", today, today.plusDays(5), null)), 403, "districtCode", "in-your-area");
    }

    @Test
    void shouldTakeAReferralFromReferredThroughAttendanceToItsEndInThatOrder() {
        UUID household = UUID.randomUUID();
        UUID member = candidate(household, HUANGGU, List.of());
        LocalDate today = LocalDate.now(clock);
        String course = course(HUANGGU, "cooking", today, today.plusDays(20), false);
        String referral = refer(HUANGGU, member, course);

        problem(officer(HUANGGU).body(Map.of("memberId", member.toString(), "courseId", course)).post("/api/v1/training-referrals").then(),
                409, "courseId", "once-per-member");
        problem(end(referral, "COMPLETED", null), 409, "status", "attending");
        problem(officer(HUANGGU).body(Map.of("on", today.minusDays(1).toString())).post("/api/v1/training-referrals/{id}/attendance", referral)
                .then(), 400, "on", "within-course");
        officer(HUANGGU).body(Map.of()).post("/api/v1/training-referrals/{id}/attendance", referral).then().statusCode(200);
        problem(officer(HUANGGU).body(Map.of()).post("/api/v1/training-referrals/{id}/attendance", referral).then(), 409, "status", "referred");
        problem(end(referral, "COMPLETED", today.plusDays(1)), 400, "on", "not-in-future");
        end(referral, "COMPLETED", today).statusCode(200);
        problem(end(referral, "DROPPED_OUT", today), 409, "status", "not-ended");
        end(referral, "PASSED", today).statusCode(400).contentType(startsWith("application/problem+json"));

        String over = course(HUANGGU, "cooking", today.minusDays(40), today.minusDays(10), false);
        problem(officer(HUANGGU).body(Map.of("memberId", member.toString(), "courseId", over)).post("/api/v1/training-referrals").then(),
                409, "courseId", "not-ended");
        officer(HUANGGU).queryParam("memberId", member.toString()).get("/api/v1/training-referrals").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].status", equalTo("COMPLETED"));
    }

    @Test
    void shouldKeepCoursesAndReferralsInTheirAreaUnlessTheCourseIsOpenedToTheCity() {
        UUID household = UUID.randomUUID();
        UUID member = candidate(household, SUJIATUN, List.of());
        LocalDate today = LocalDate.now(clock);
        String own = course(HUANGGU, "baking", today, today.plusDays(20), false);
        String shared = course(HUANGGU, "baking", today, today.plusDays(20), true);

        officer(SUJIATUN).get("/api/v1/courses/{id}", own).then().statusCode(404);
        officer(SUJIATUN).queryParam("size", 500).get("/api/v1/courses").then().statusCode(200)
                .body("items.id", not(hasItem(own))).body("items.id", hasItem(shared));
        officer(SUJIATUN).body(Map.of("memberId", member.toString(), "courseId", own)).post("/api/v1/training-referrals").then().statusCode(404);
        String referral = refer(SUJIATUN, member, shared);

        officer(HUANGGU).get("/api/v1/training-referrals/{id}", referral).then().statusCode(404);
        officer(HUANGGU).body(Map.of("outcome", "DROPPED_OUT")).post("/api/v1/training-referrals/{id}/completion", referral).then().statusCode(404);
        officer(SUJIATUN).get("/api/v1/training-referrals/{id}", referral).then().statusCode(200).body("districtCode", equalTo(SUJIATUN));
        officer(GANJINGZI).get("/api/v1/courses/{id}", shared).then().statusCode(404);
        officer(GANJINGZI).body(Map.of("memberId", member.toString(), "courseId", shared)).post("/api/v1/training-referrals").then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer("caseworker", HUANGGU)).get("/api/v1/courses/{id}", own).then().statusCode(403);
    }

    private UUID candidate(UUID household, String district, List<String> skills) {
        UUID member = UUID.randomUUID();
        HouseholdEvents.started(kafka, household, district, LocalDate.now(clock), member, 42, skills);
        await().atMost(Duration.ofSeconds(30)).until(() -> officer(district).queryParam("size", 500).get("/api/v1/candidates")
                .then().extract().jsonPath().getList("memberId").contains(member.toString()));
        return member;
    }

    private static String post(String district, String title, List<String> skills) {
        Map<String, Object> body = Map.of("kind", "ENTERPRISE", "employer", "沈阳市颐康养老院", "districtCode", district, "title", title,
                "monthlyWage", 3000, "openings", 3, "contractMonths", 12, "socialInsurancePaid", true, "skills", skills);
        return officer(district).body(body).post("/api/v1/posts").then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> courseBody(String district, String skill, LocalDate start, LocalDate end, Boolean openToCity) {
        Map<String, Object> body = new HashMap<>(Map.of("districtCode", district, "provider", "沈阳市职业技能培训中心", "title", skill + " 培训班",
                "skill", skill, "startDate", start.toString(), "endDate", end.toString(), "cost", "FREE"));
        if (openToCity != null) {
            body.put("openToCity", openToCity);
        }
        return body;
    }

    private static ValidatableResponse createCourse(String area, Map<String, Object> body) {
        return officer(area).body(body).post("/api/v1/courses").then();
    }

    private static String course(String district, String skill, LocalDate start, LocalDate end, boolean openToCity) {
        Map<String, Object> body = courseBody(district, skill, start, end, openToCity);
        body.put("cost", "SUBSIDISED");
        body.put("subsidyAmount", 1200);
        return createCourse(district, body).statusCode(201).body("cost", equalTo("SUBSIDISED")).extract().path("id");
    }

    private static String refer(String area, UUID member, String course) {
        return officer(area).body(Map.of("memberId", member.toString(), "courseId", course)).post("/api/v1/training-referrals").then()
                .statusCode(201).extract().path("id");
    }

    private static ValidatableResponse end(String referral, String outcome, LocalDate on) {
        Map<String, Object> body = new HashMap<>(Map.of("outcome", outcome));
        if (on != null) {
            body.put("on", on.toString());
        }
        return officer(HUANGGU).body(body).post("/api/v1/training-referrals/{id}/completion", referral).then();
    }

    private static void problem(ValidatableResponse answer, int status, String field, String rule) {
        answer.statusCode(status).contentType(startsWith("application/problem+json")).body("field", equalTo(field)).body("rule", equalTo(rule));
    }

    private static JsonNode suggestions(UUID household, String area) {
        return json(officer(area).get("/api/v1/households/{id}/suggestions", household).then().statusCode(200).extract().asString());
    }

    private static List<String> suggested(UUID household, String area) {
        return suggestions(household, area).findValuesAsText("postId");
    }

    private static JsonNode find(JsonNode items, String field, String value) {
        for (JsonNode item : items) {
            if (item.path(field).asText().equals(value)) {
                return item;
            }
        }
        return null;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static RequestSpecification officer(String area) {
        return given().header("Authorization", Tokens.bearer("placement-officer", area)).contentType("application/json");
    }

    private static boolean is(ConsumerRecord<String, String> record, UUID household, String type) {
        return household.toString().equals(record.key()) && type.equals(KafkaTestClient.header(record, CloudEvent.TYPE));
    }

    private static JsonNode json(String text) {
        try {
            return HouseholdEvents.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
