package io.wanjia.household;

import static io.restassured.RestAssured.given;
import static io.wanjia.household.Fixtures.HEPING;
import static io.wanjia.household.Fixtures.SHENHE;
import static io.wanjia.household.Fixtures.adult;
import static io.wanjia.household.Fixtures.household;
import static io.wanjia.household.Fixtures.is;
import static io.wanjia.household.Fixtures.json;
import static io.wanjia.household.Fixtures.register;
import static io.wanjia.household.Fixtures.registered;
import static io.wanjia.household.HouseholdRegisterIT.memberId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.Tokens;

/**
 * Graduates in need (issue #17): a recent graduate of a household on the minimum living allowance (低保) or zero-employment
 * is published once as {@code graduate-registered}, whichever change made them one; a graduate of a household in no
 * difficulty is not.
 */
@QuarkusTest
class GraduateIT extends WatchingHouseholdEvents {

    static final String GRADUATE = "wanjia.household.graduate-registered.v1";

    @Test
    void shouldPublishAGraduateOfALowIncomeHouseholdOnceWithoutNameOrNationalId() {
        Map<String, Object> father = adult(today, 50, true, "EMPLOYED_STABLE");
        Map<String, Object> daughter = graduate(adult(today, 22, false, "UNEMPLOYED"), today.minusDays(60));
        Map<String, Object> body = household(HEPING, List.of(father, daughter));
        body.put("minimumLivingAllowance", true);
        JsonNode household = registered(body);
        String id = household.get("id").asText(), member = memberId(household, daughter);

        assertThat(household.get("status").asText()).as("a member in stable work").isEqualTo("NOT_ZERO_EMPLOYMENT");
        assertThat(household.get("minimumLivingAllowance").asBoolean()).isTrue();
        ConsumerRecord<String, String> record = events.await(r -> is(r, id, GRADUATE), 1).get(0);
        JsonNode event = json(record.value());
        assertThat(event.get("memberId").asText()).isEqualTo(member);
        assertThat(event.get("districtCode").asText()).isEqualTo(HEPING);
        assertThat(event.get("graduatedOn").asText()).isEqualTo(today.minusDays(60).toString());
        assertThat(event.get("registeredOn").asText()).isEqualTo(today.toString());
        assertThat(event.get("cohort").asText()).isEqualTo("STANDARD");
        assertThat(event.get("grounds").toString()).isEqualTo("[\"MINIMUM_LIVING_ALLOWANCE\"]");
        assertThat(record.value()).doesNotContain((String) daughter.get("nationalId")).doesNotContain((String) daughter.get("name"));
        assertThat(memberOf(household, member).get("graduateInNeedSince").asText()).isEqualTo(today.toString());

        // Deciding again (an edit of the graduate) publishes nothing new: the need is the same.
        caseworker().body(Map.of("skills", List.of("accounting"))).patch("/api/v1/households/{id}/members/{m}", id, member)
                .then().statusCode(200);
        events.await(r -> is(r, id, MEMBER_CHANGED), 1);
        // A second edit: its member-changed comes after anything the first one published (one household, one partition).
        caseworker().body(Map.of("skills", List.of("bookkeeping"))).patch("/api/v1/households/{id}/members/{m}", id, member)
                .then().statusCode(200);
        events.await(r -> is(r, id, MEMBER_CHANGED), 2);
        assertThat(events.seen().stream().filter(r -> is(r, id, GRADUATE))).hasSize(1);
    }

    @Test
    void shouldNotPublishAGraduateOfAHouseholdInNoDifficultyUntilItIsGrantedTheAllowance() {
        Map<String, Object> father = adult(today, 50, true, "EMPLOYED_STABLE");
        Map<String, Object> son = graduate(adult(today, 23, true, "UNEMPLOYED"), today.minusDays(100));
        JsonNode household = registered(household(HEPING, List.of(father, son)));
        String id = household.get("id").asText(), member = memberId(household, son);
        assertThat(memberOf(household, member).get("graduateInNeedSince").isNull()).isTrue();

        caseworker().body(Map.of("minimumLivingAllowance", true, "effectiveOn", today.minusDays(1).toString()))
                .put("/api/v1/households/{id}/minimum-living-allowance", id)
                .then().statusCode(200).body("minimumLivingAllowance", equalTo(true));

        // The household's events are ordered: all before the grant's have been seen once it has, and none was a graduate's.
        JsonNode event = json(events.await(r -> is(r, id, GRADUATE), 1).get(0).value());
        assertThat(event.get("registeredOn").asText()).as("the grant's, not the registration's").isEqualTo(today.minusDays(1).toString());
        assertThat(events.seen().stream().filter(r -> is(r, id, GRADUATE))).hasSize(1);
        caseworker().get("/api/v1/households/{id}/history", id).then().statusCode(200)
                .body("action", equalTo(List.of("REGISTER", "CHANGE_MINIMUM_LIVING_ALLOWANCE")))
                .body("[1].before.minimumLivingAllowance", equalTo(false)).body("[1].after.minimumLivingAllowance", equalTo(true));
    }

    @Test
    void shouldFindTheNeedAsTheMemberStandsTodayWhenTheGrantIsDatedBeforeTheGraduation() {
        // 低保 granted from a day before the son graduated: on that day he was no graduate, today he is one in need.
        Map<String, Object> father = adult(today, 50, true, "EMPLOYED_STABLE");
        Map<String, Object> son = graduate(adult(today, 23, true, "UNEMPLOYED"), today.minusDays(20));
        JsonNode household = registered(household(HEPING, List.of(father, son)));
        String id = household.get("id").asText(), member = memberId(household, son);

        caseworker().body(Map.of("minimumLivingAllowance", true, "effectiveOn", today.minusDays(40).toString()))
                .put("/api/v1/households/{id}/minimum-living-allowance", id).then().statusCode(200);

        JsonNode event = json(events.await(r -> is(r, id, GRADUATE), 1).get(0).value());
        assertThat(event.get("registeredOn").asText()).as("the grant's date: deadline-monitor starts from the graduation")
                .isEqualTo(today.minusDays(40).toString());
        assertThat(event.get("graduatedOn").asText()).isEqualTo(today.minusDays(20).toString());
        assertThat(memberOf(caseworker().get("/api/v1/households/{id}", id).then().statusCode(200).extract().as(JsonNode.class), member)
                .get("graduateInNeedSince").asText()).isEqualTo(today.minusDays(40).toString());
    }

    @Test
    void shouldPublishAGraduateWhenTheHouseholdBecomesZeroEmployment() {
        Map<String, Object> mother = adult(today, 48, false, "EMPLOYED_STABLE");
        Map<String, Object> son = graduate(adult(today, 21, true, "UNEMPLOYED"), today.minusDays(30));
        JsonNode household = registered(household(HEPING, List.of(mother, son)));
        String id = household.get("id").asText();

        caseworker().body(Map.of("status", "UNEMPLOYED")).patch("/api/v1/households/{id}/members/{m}", id, memberId(household, mother))
                .then().statusCode(200).body("status", equalTo("ZERO_EMPLOYMENT"));

        JsonNode event = json(events.await(r -> is(r, id, GRADUATE), 1).get(0).value());
        assertThat(event.get("memberId").asText()).isEqualTo(memberId(household, son));
        assertThat(event.get("grounds").toString()).isEqualTo("[\"ZERO_EMPLOYMENT\"]");
        assertThat(events.seen().stream().filter(r -> is(r, id, STARTED))).as("the start came first").hasSize(1);
    }

    @Test
    void shouldRefuseAGraduationInTheFutureOrBeforeBirthAndAnotherAreasAllowance() {
        Map<String, Object> body = household(HEPING, List.of(graduate(adult(today, 22, false, "UNEMPLOYED"), today.plusDays(1))));
        register(HEPING, body).statusCode(400).body("field", equalTo("members[0].graduatedOn")).body("rule", equalTo("not-in-future"));

        Map<String, Object> daughter = adult(today, 22, false, "UNEMPLOYED");
        JsonNode household = registered(household(HEPING, List.of(daughter)));
        String id = household.get("id").asText();
        caseworker().body(Map.of("graduatedOn", LocalDate.parse((String) daughter.get("birthDate")).minusDays(1).toString()))
                .patch("/api/v1/households/{id}/members/{m}", id, memberId(household, daughter))
                .then().statusCode(400).body("field", equalTo("graduatedOn")).body("rule", equalTo("after-birth"));
        given().header("Authorization", Tokens.bearer("caseworker", SHENHE)).contentType("application/json")
                .body(Map.of("minimumLivingAllowance", true)).put("/api/v1/households/{id}/minimum-living-allowance", id)
                .then().statusCode(404);
    }

    private static Map<String, Object> graduate(Map<String, Object> member, LocalDate graduatedOn) {
        member.put("education", "COLLEGE");
        member.put("graduatedOn", graduatedOn.toString());
        return member;
    }

    private static io.restassured.specification.RequestSpecification caseworker() {
        return given().header("Authorization", Tokens.bearer("caseworker", HEPING)).contentType("application/json");
    }

    private static JsonNode memberOf(JsonNode household, String memberId) {
        for (JsonNode m : household.get("members")) {
            if (m.get("id").asText().equals(memberId)) {
                return m;
            }
        }
        throw new AssertionError("member not in household");
    }
}
