package io.wanjia.household;

import static io.restassured.RestAssured.given;
import static io.wanjia.household.Fixtures.HEPING;
import static io.wanjia.household.Fixtures.SHENHE;
import static io.wanjia.household.Fixtures.adult;
import static io.wanjia.household.Fixtures.household;
import static io.wanjia.household.Fixtures.json;
import static io.wanjia.household.Fixtures.register;
import static io.wanjia.household.Fixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.household.domain.NationalId;

/**
 * A national ID cannot be rebuilt from anything a caller gets; a person is found by the number typed in full, and a
 * number is shown in full only by an audited, rationed reveal for a record in the caller's area (#15, item 1).
 */
@QuarkusTest
class NationalIdDisclosureIT extends WatchingHouseholdEvents {

    /** 大东区: only the rationing tests act here, so their allowances are their own. */
    private static final String DADONG = "210104";

    @Test
    void shouldLeaveHundredsOfCandidatesForEveryIdACaseworkerCanSee() {
        Map<String, Object> member = adult(today, 40, true, "UNEMPLOYED");
        String nationalId = (String) member.get("nationalId");
        String id = registered(household(HEPING, List.of(member, adult(today, 38, false, "UNEMPLOYED")))).get("id").asText();
        as("caseworker", HEPING).contentType("application/json").body(Map.of("willingToWork", false))
                .patch("/api/v1/households/{id}/members/{m}", id, HouseholdRegisterIT.memberId(get(id), member)).then().statusCode(200);

        List<JsonNode> seen = new ArrayList<>();
        seen.add(get(id));
        seen.add(json(as("caseworker", HEPING).get("/api/v1/households?size=500").then().statusCode(200).extract().asString()));
        seen.add(json(as("caseworker", HEPING).get("/api/v1/households/{id}/history", id).then().statusCode(200).extract().asString()));

        int viewsOfTheMember = 0;
        for (JsonNode answer : seen) {
            for (JsonNode shown : answer.findParents("nationalId")) {
                if (!shown.path("birthDate").asText().equals(member.get("birthDate")) || !shown.path("gender").asText().equals("MALE")) {
                    continue;
                }
                viewsOfTheMember++;
                List<String> candidates = candidates(shown.get("nationalId").asText(), LocalDate.parse(shown.get("birthDate").asText()), true);
                assertThat(candidates).as("IDs fitting %s born %s", shown.get("nationalId"), shown.get("birthDate"))
                        .contains(nationalId).hasSizeGreaterThanOrEqualTo(100);
            }
        }
        assertThat(viewsOfTheMember).as("the member is shown in the view, the list and both sides of the history").isGreaterThanOrEqualTo(4);
        assertThat(seen).allSatisfy(answer -> assertThat(answer.toString()).doesNotContain(nationalId));
    }

    @Test
    void shouldFindAPersonByTheFullIdTypedInABodyOnlyInsideTheArea() {
        Map<String, Object> member = adult(today, 33, false, "UNEMPLOYED");
        String nationalId = (String) member.get("nationalId");
        JsonNode household = registered(household(HEPING, List.of(member)));

        JsonNode match = json(lookup("caseworker", HEPING, nationalId).then().statusCode(200).extract().asString());
        assertThat(match.get("householdId").asText()).isEqualTo(household.get("id").asText());
        assertThat(match.get("memberId").asText()).isEqualTo(household.get("members").get(0).get("id").asText());
        assertThat(match.toString()).doesNotContain(nationalId);

        lookup("caseworker", SHENHE, nationalId).then().statusCode(404).contentType("application/problem+json");
        lookup("caseworker", HEPING, Fixtures.adult(today, 50, true, "UNEMPLOYED").get("nationalId").toString()).then().statusCode(404);
        lookup("caseworker", HEPING, nationalId.substring(0, 17) + (nationalId.charAt(17) == '1' ? '2' : '1')).then().statusCode(400)
                .body("field", equalTo("nationalId")).body("rule", equalTo("check-digit"));
        lookup("official", HEPING, nationalId).then().statusCode(403);

        JsonNode history = json(as("caseworker", HEPING).get("/api/v1/households/{id}/history", household.get("id").asText())
                .then().statusCode(200).extract().asString());
        assertThat(history.findValuesAsText("action")).contains("LOOKUP_BY_NATIONAL_ID");
        assertThat(history.toString()).doesNotContain(nationalId);
        String openApi = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(json(openApi).findValues("parameters").toString()).as("no parameter takes a national ID in a URL")
                .doesNotContainIgnoringCase("nationalId");
    }

    @Test
    void shouldRevealAnIdOnlyWithAReasonInTheAreaAndAuditIt() {
        Map<String, Object> member = adult(today, 47, true, "UNEMPLOYED");
        String nationalId = (String) member.get("nationalId");
        JsonNode household = registered(household(HEPING, List.of(member)));
        String id = household.get("id").asText();
        String memberId = household.get("members").get(0).get("id").asText();
        String path = "/api/v1/households/{id}/members/{m}/national-id/reveal";

        as("caseworker", HEPING).contentType("application/json").body(Map.of()).post(path, id, memberId).then().statusCode(400)
                .body("field", equalTo("reason"));
        as("caseworker", SHENHE).contentType("application/json").body(Map.of("reason", "社保登记需要核对"))
                .post(path, id, memberId).then().statusCode(404);
        as("supervisor", HEPING).contentType("application/json").body(Map.of("reason", "社保登记需要核对"))
                .post(path, id, memberId).then().statusCode(403);
        as("caseworker", HEPING).contentType("application/json").body(Map.of("reason", "社保登记需要核对"))
                .post(path, id, memberId).then().statusCode(200).header("Cache-Control", "no-store")
                .body("nationalId", equalTo(nationalId)).body("memberId", equalTo(memberId));

        JsonNode reveal = json(as("caseworker", HEPING).get("/api/v1/households/{id}/history", id).then().statusCode(200)
                .extract().asString()).findParents("action").stream()
                .filter(e -> e.get("action").asText().equals("REVEAL_NATIONAL_ID")).findFirst().orElseThrow();
        assertThat(reveal.get("actor").asText()).isEqualTo("test-caseworker-" + HEPING);
        assertThat(reveal.get("after").get("reason").asText()).isEqualTo("社保登记需要核对");
        assertThat(reveal.toString()).doesNotContain(nationalId);
    }

    @Test
    void shouldRationLookupsMissesIncludedAndReveals() {
        Map<String, Object> member = adult(today, 29, false, "UNEMPLOYED");
        String nationalId = (String) member.get("nationalId");
        JsonNode household = json(register(DADONG, household(DADONG, List.of(member))).statusCode(201).extract().asString());

        // A registration refused as a duplicate answers the same question as a lookup, and costs the same.
        register(DADONG, household(DADONG, List.of(member))).statusCode(409);
        // Guessing: every miss counts, so the allowance ends before the right number is reached.
        for (int i = 0; i < 8; i++) {
            lookup("caseworker", DADONG, Fixtures.adult(today, 30 + i, true, "UNEMPLOYED").get("nationalId").toString())
                    .then().statusCode(404);
        }
        lookup("caseworker", DADONG, nationalId).then().statusCode(200);
        lookup("caseworker", DADONG, nationalId).then().statusCode(429).contentType("application/problem+json")
                .body("rule", equalTo("allowance"));
        register(DADONG, household(DADONG, List.of(member))).statusCode(429).body("rule", equalTo("allowance"));

        String path = "/api/v1/households/{id}/members/{m}/national-id/reveal";
        for (int i = 0; i < 3; i++) {
            as("caseworker", DADONG).contentType("application/json").body(Map.of("reason", "低保复核 " + i))
                    .post(path, household.get("id").asText(), household.get("members").get(0).get("id").asText()).then().statusCode(200);
        }
        as("caseworker", DADONG).contentType("application/json").body(Map.of("reason", "低保复核 again"))
                .post(path, household.get("id").asText(), household.get("members").get(0).get("id").asText()).then().statusCode(429)
                .body("rule", equalTo("allowance"));
    }

    /**
     * Every national ID that fits what a caller sees of it: the characters the mask shows, the birth date and the
     * gender shown beside it, and a valid check character.
     */
    static List<String> candidates(String masked, LocalDate birth, boolean male) {
        List<String> fitting = new ArrayList<>();
        String date = birth.format(DateTimeFormatter.BASIC_ISO_DATE);
        for (int sequence = male ? 1 : 0; sequence < 1000; sequence += 2) {
            String first17 = masked.substring(0, 6) + date + String.format("%03d", sequence);
            String id = first17 + NationalId.checkCharacter(first17);
            boolean fits = true;
            for (int i = 0; i < 18 && fits; i++) {
                fits = masked.charAt(i) == '*' || masked.charAt(i) == id.charAt(i);
            }
            if (fits) {
                fitting.add(id);
            }
        }
        return fitting;
    }

    private static JsonNode get(String id) {
        return json(as("caseworker", HEPING).get("/api/v1/households/{id}", id).then().statusCode(200).extract().asString());
    }

    private static io.restassured.response.Response lookup(String role, String area, String nationalId) {
        return as(role, area).contentType("application/json").body(Map.of("nationalId", nationalId)).post("/api/v1/households/lookup");
    }

    private static RequestSpecification as(String role, String area) {
        return given().header("Authorization", Tokens.bearer(role, area));
    }
}
