package io.wanjia.household;

import static io.restassured.RestAssured.given;
import static io.wanjia.household.Fixtures.HEPING;
import static io.wanjia.household.Fixtures.SHENHE;
import static io.wanjia.household.Fixtures.adult;
import static io.wanjia.household.Fixtures.household;
import static io.wanjia.household.Fixtures.is;
import static io.wanjia.household.Fixtures.json;
import static io.wanjia.household.Fixtures.registered;
import static io.wanjia.household.Fixtures.reportByHttp;
import static io.wanjia.household.Fixtures.stableEmployment;
import static io.wanjia.household.Fixtures.unemployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.wanjia.commons.testing.Tokens;

/**
 * 认定 through household-service's API and events: monitoring opens an identification, the community verifies, the
 * street office reviews, the notice is posted and objected to, the district confirms; a declaration the register
 * disagrees with; steps out of turn; an identification overtaken by a job; the contact log and "unreachable".
 */
@QuarkusTest
class IdentificationIT extends WatchingHouseholdEvents {

    static final String OPENED = "wanjia.household.identification-opened.v1";
    static final String STEP = "wanjia.household.identification-step-completed.v1";
    static final String CONFIRMED = "wanjia.household.identification-confirmed.v1";
    static final String REJECTED = "wanjia.household.identification-rejected.v1";
    static final String UNEMPLOYMENT = "wanjia.labour.unemployment-reported.v1";
    static final String EMPLOYMENT = "wanjia.labour.employment-reported.v1";
    /** The street office's reviewer and the district's confirmer: two people of one role. */
    static final String REVIEWER = "street-reviewer-" + HEPING;
    static final String CONFIRMER = "district-confirmer-" + HEPING;

    @Test
    void shouldTakeAHouseholdFoundByMonitoringThroughVerificationReviewPostingWithAnUpheldObjectionAndConfirmation() {
        // Monitoring: a report dated 20 days ago makes the household zero-employment as of then, and opens the identification.
        Map<String, Object> member = adult(today, 45, true, "EMPLOYED_STABLE");
        String household = registered(household(HEPING, List.of(member))).get("id").asText();
        LocalDate since = today.minusDays(20);
        reportByHttp(HEPING, UNEMPLOYMENT, unemployment((String) member.get("nationalId"), since));
        JsonNode opened = json(events.await(r -> is(r, household, OPENED), 1).get(0).value());
        assertThat(opened.get("source").asText()).isEqualTo("MONITORING");
        assertThat(opened.get("openedOn").asText()).isEqualTo(since.toString());
        assertThat(opened.get("ruleAgrees").asBoolean()).isTrue();
        String id = opened.get("identificationId").asText();

        step(id, "verification", "caseworker", null, Map.of("confirmed", true, "method", "VISIT", "on", since.plusDays(2),
                "findings", "家访: 两口人均失业, 无经营收入")).statusCode(200).body("stage", equalTo("REVIEW"));
        step(id, "review", "supervisor", REVIEWER, review(since.plusDays(4), since.plusDays(5), since.plusDays(9)))
                .statusCode(200).body("stage", equalTo("POSTING")).body("postingEndsOn", equalTo(since.plusDays(9).toString()));
        // 公示: a neighbour objects; upheld, the identification goes back to the street office for another review
        String objection = step(id, "objections", "caseworker", null, Map.of("raisedOn", since.plusDays(6), "raisedBy", "邻居 王某",
                "what", "其子在外地打工")).statusCode(201).body("objections[0].resolution", equalTo("OPEN"))
                .extract().path("objections[0].id");
        step(id, "posting-completion", "caseworker", null, Map.of("on", since.plusDays(10))).statusCode(409)
                .body("detail", equalTo("1 objection(s) still open: resolve them first"));
        step(id, "objections/" + objection + "/resolution", "supervisor", REVIEWER, Map.of("resolution", "UPHELD_SENT_BACK",
                "on", since.plusDays(7), "note", "核实其子务工情况后重审")).statusCode(200).body("stage", equalTo("REVIEW"))
                .body("postingEndsOn", equalTo(null));
        step(id, "review", "supervisor", REVIEWER, review(since.plusDays(8), since.plusDays(8), since.plusDays(12)))
                .statusCode(200).body("stage", equalTo("POSTING"));
        step(id, "posting-completion", "caseworker", null, Map.of("on", since.plusDays(12))).statusCode(409)
                .body("field", equalTo("on"));
        step(id, "posting-completion", "caseworker", null, Map.of("on", since.plusDays(13))).statusCode(200)
                .body("stage", equalTo("CONFIRM"));
        // 认定: not by the reviewer; by the district, the household enters the ledger
        step(id, "confirmation", "supervisor", REVIEWER, Map.of("confirmed", true, "on", since.plusDays(15))).statusCode(409)
                .body("rule", equalTo("four-eyes"));
        JsonNode confirmed = json(step(id, "confirmation", "supervisor", CONFIRMER, Map.of("confirmed", true, "on", since.plusDays(15)))
                .statusCode(200).body("stage", equalTo("CONFIRMED"))
                .body("ledgerNumber", matchesPattern(HEPING + "-" + since.plusDays(15).getYear() + "-\\d{5}")).extract().asString());

        assertThat(confirmed.get("timeline").findValuesAsText("action")).containsExactly("OPENED", "VERIFIED", "REVIEW_APPROVED",
                "OBJECTION_RAISED", "OBJECTION_UPHELD_SENT_BACK", "REVIEW_APPROVED", "POSTING_COMPLETED", "CONFIRMED");
        JsonNode ledger = json(events.await(r -> is(r, household, CONFIRMED), 1).get(0).value());
        assertThat(eventsOf(household, STEP).stream().map(e -> e.get("outcome").asText())).containsExactly("VERIFIED", "REVIEW_APPROVED",
                "OBJECTION_RAISED", "OBJECTION_UPHELD_SENT_BACK", "REVIEW_APPROVED", "POSTING_COMPLETED");
        assertThat(ledger.get("ledgerNumber").asText()).isEqualTo(confirmed.get("ledgerNumber").asText());
        assertThat(ledger.get("confirmedOn").asText()).isEqualTo(since.plusDays(15).toString());
        // Every step is audited with its actor; the worklist no longer shows it
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/identifications?stage=CONFIRM")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
    }

    @Test
    void shouldRecordADeclarationTheRegisterDisagreesWithAndRejectItAtVerification() {
        String household = registered(household(HEPING, List.of(adult(today, 40, false, "EMPLOYED_STABLE")))).get("id").asText();

        String id = given().header("Authorization", Tokens.bearer("caseworker", HEPING)).contentType("application/json")
                .body(Map.of("note", "本人称已失业三个月")).post("/api/v1/households/{id}/identifications", household)
                .then().statusCode(201).body("source", equalTo("DECLARATION")).body("ruleAgrees", equalTo(false))
                .body("ruleFinding", equalTo("A_MEMBER_IN_STABLE_WORK")).body("stage", equalTo("VERIFY")).extract().path("id");
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).contentType("application/json").body(Map.of())
                .post("/api/v1/households/{id}/identifications", household).then().statusCode(409).body("rule", equalTo("one-open"));

        step(id, "verification", "caseworker", null, Map.of("confirmed", false, "method", "PHONE", "findings", "单位确认仍在岗"))
                .statusCode(200).body("stage", equalTo("REJECTED")).body("closeReason", equalTo("VERIFICATION_FAILED"));

        JsonNode opened = json(events.await(r -> is(r, household, OPENED), 1).get(0).value());
        assertThat(opened.get("ruleAgrees").asBoolean()).isFalse();
        JsonNode rejected = json(events.await(r -> is(r, household, REJECTED), 1).get(0).value());
        assertThat(rejected.get("step").asText()).isEqualTo("VERIFY");
        assertThat(rejected.get("reason").asText()).isEqualTo("VERIFICATION_FAILED");
        assertThat(rejected.toString()).doesNotContain("单位确认仍在岗"); // the words stay in household-service
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).contentType("application/json").body(Map.of())
                .post("/api/v1/households/{id}/identifications", household).then().statusCode(201);
    }

    @Test
    void shouldRefuseStepsOutOfTurnByTheWrongRoleOrOutsideTheArea() {
        String household = registered(household(HEPING, List.of(adult(today, 40, true, "UNEMPLOYED")))).get("id").asText();
        String id = json(events.await(r -> is(r, household, OPENED), 1).get(0).value()).get("identificationId").asText();

        step(id, "review", "supervisor", REVIEWER, review(today, today, today.plusDays(5))).statusCode(409)
                .body("field", equalTo("stage")).body("detail", equalTo("REVIEW_APPROVED belongs to the REVIEW step; the identification is at VERIFY"));
        step(id, "review", "caseworker", null, review(today, today, today.plusDays(5))).statusCode(403);
        step(id, "verification", "caseworker", null, Map.of("confirmed", true, "method", "VISIT", "on", today.plusDays(1),
                "findings", "x")).statusCode(400).body("field", equalTo("on"));
        step(id, "verification", "caseworker", null, Map.of("confirmed", true, "method", "VISIT", "on", today.minusDays(1),
                "findings", "x")).statusCode(400).body("rule", equalTo("not-before-opening"));
        given().header("Authorization", Tokens.bearer("caseworker", SHENHE)).get("/api/v1/identifications/{id}", id)
                .then().statusCode(404).body(not(containsString(household)));
        given().header("Authorization", Tokens.bearer("caseworker", SHENHE)).get("/api/v1/identifications")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
        step(id, "verification", "caseworker", null, Map.of("confirmed", true, "method", "VISIT", "findings", "属实")).statusCode(200);
        step(id, "review", "supervisor", REVIEWER, review(today, today.minusDays(1), today)).statusCode(400)
                .body("rule", equalTo("not-before-review"));
    }

    @Test
    void shouldEndAnIdentificationOvertakenByAStableJob() {
        Map<String, Object> member = adult(today, 38, true, "UNEMPLOYED");
        String household = registered(household(HEPING, List.of(member))).get("id").asText();
        String id = json(events.await(r -> is(r, household, OPENED), 1).get(0).value()).get("identificationId").asText();

        reportByHttp(HEPING, EMPLOYMENT, stableEmployment((String) member.get("nationalId"), today));

        JsonNode ended = json(events.await(r -> is(r, household, STEP), 1).get(0).value());
        assertThat(ended.get("outcome").asText()).isEqualTo("OVERTAKEN");
        assertThat(ended.get("stage").asText()).isEqualTo("ENDED");
        given().header("Authorization", Tokens.bearer("supervisor", HEPING)).get("/api/v1/identifications/{id}", id)
                .then().statusCode(200).body("stage", equalTo("ENDED")).body("closeReason", equalTo("OVERTAKEN"));
    }

    @Test
    void shouldExitAHouseholdAsUnreachableOnlyWhenTheContactLogShowsIt() {
        String household = registered(household(HEPING, List.of(adult(today, 50, true, "UNEMPLOYED")))).get("id").asText();
        contact(household, today.minusMonths(4), true);
        contact(household, today.minusMonths(3).minusDays(10), false);
        contact(household, today.minusMonths(2), false);

        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/households/{id}/contacts", household)
                .then().statusCode(200).body("unreachable", equalTo(false)).body("failedAttempts", equalTo(2));
        exit(household).statusCode(409).body("rule", equalTo("unreachable-on-record"));

        contact(household, today.minusDays(3), false);

        given().header("Authorization", Tokens.bearer("supervisor", HEPING)).get("/api/v1/households/{id}/contacts", household)
                .then().statusCode(200).body("unreachable", equalTo(true))
                .body("failingSince", equalTo(today.minusMonths(3).minusDays(10).toString())).body("attempts.size()", equalTo(4));
        exit(household).statusCode(200).body("exitReason", equalTo("UNREACHABLE"));
        given().header("Authorization", Tokens.bearer("caseworker", SHENHE)).get("/api/v1/households/{id}/contacts", household)
                .then().statusCode(404);
    }

    private static Map<String, Object> review(LocalDate on, LocalDate postingStartsOn, LocalDate postingEndsOn) {
        return Map.of("approved", true, "on", on, "note", "同意公示", "postingStartsOn", postingStartsOn, "postingEndsOn", postingEndsOn);
    }

    /** POSTs a step of identification {@code id} as {@code role} of 和平区 (as {@code subject} where given). */
    private static ValidatableResponse step(String id, String path, String role, String subject, Map<String, Object> body) {
        Map<String, Object> dated = new HashMap<>();
        body.forEach((k, v) -> dated.put(k, v instanceof LocalDate d ? d.toString() : v));
        String bearer = subject == null ? Tokens.bearer(role, HEPING) : Tokens.bearer(role, HEPING, subject);
        return given().header("Authorization", bearer).contentType("application/json").body(dated)
                .post("/api/v1/identifications/{id}/" + path, id).then();
    }

    private static void contact(String household, LocalDate on, boolean reached) {
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).contentType("application/json")
                .body(Map.of("on", on.toString(), "channel", "PHONE", "reached", reached, "note", "拨打户主手机"))
                .post("/api/v1/households/{id}/contacts", household).then().statusCode(201);
    }

    private static ValidatableResponse exit(String household) {
        return given().header("Authorization", Tokens.bearer("caseworker", HEPING)).contentType("application/json")
                .body(Map.of("reason", "UNREACHABLE", "note", "three months without contact"))
                .post("/api/v1/households/{id}/exit", household).then();
    }

    private List<JsonNode> eventsOf(String household, String type) {
        return events.seen().stream().filter(r -> is(r, household, type)).map(r -> json(r.value())).toList();
    }
}
