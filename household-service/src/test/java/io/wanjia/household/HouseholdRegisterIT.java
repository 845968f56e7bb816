package io.wanjia.household;

import static io.restassured.RestAssured.given;
import static io.wanjia.household.Fixtures.HEPING;
import static io.wanjia.household.Fixtures.SHENHE;
import static io.wanjia.household.Fixtures.adult;
import static io.wanjia.household.Fixtures.household;
import static io.wanjia.household.Fixtures.is;
import static io.wanjia.household.Fixtures.json;
import static io.wanjia.household.Fixtures.member;
import static io.wanjia.household.Fixtures.register;
import static io.wanjia.household.Fixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;


import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.household.domain.NationalIds;

/** Registering households: the decision and its events, validation, area scope, masking, duplicates, audit, exit. */
@QuarkusTest
class HouseholdRegisterIT extends WatchingHouseholdEvents {

    @Test
    void shouldStartZeroEmploymentWhenEveryCountedMemberIsUnemployed() {
        Map<String, Object> father = adult(today, 45, true, "UNEMPLOYED");
        Map<String, Object> mother = adult(today, 42, false, "UNEMPLOYED");
        Map<String, Object> child = member(today, 10, 0, true, "UNEMPLOYED");
        Map<String, Object> student = adult(today, 19, false, "STUDENT");
        JsonNode household = registered(household(HEPING, List.of(father, mother, child, student)));
        String id = household.get("id").asText();

        assertThat(household.get("status").asText()).isEqualTo("ZERO_EMPLOYMENT");
        List<ConsumerRecord<String, String>> records = events.await(r -> is(r, id, STARTED), 1);
        JsonNode started = json(records.get(0).value());
        assertThat(started.get("since").asText()).isEqualTo(today.toString());
        assertThat(started.get("districtCode").asText()).isEqualTo(HEPING);
        assertThat(started.get("candidates")).hasSize(2);
        assertThat(started.get("candidates").findValuesAsText("memberId")).containsExactlyInAnyOrder(
                memberId(household, father), memberId(household, mother));
        assertThat(started.get("candidates").findValuesAsText("age")).containsExactlyInAnyOrder("45", "42");
        assertThat(started.get("candidates").get(0).get("skills").toString()).contains("welding");
        assertThat(events.await(r -> is(r, id, REGISTERED), 1)).hasSize(1);
        assertNoNationalIdIn(events.seen());
    }

    @Test
    void shouldCarryARelocatedHouseholdsCohortAndMoveBackDateOnItsStartAndAuditAChangeOfCohort() {
        Map<String, Object> body = household(HEPING, List.of(adult(today, 45, true, "UNEMPLOYED")));
        body.put("cohort", "SHANTYTOWN_RELOCATION");
        body.put("movedBackOn", today.minusDays(3).toString());
        JsonNode household = registered(body);
        String id = household.get("id").asText();

        assertThat(household.get("movedBackOn").asText()).isEqualTo(today.minusDays(3).toString());
        JsonNode started = json(events.await(r -> is(r, id, STARTED), 1).get(0).value());
        assertThat(started.get("cohort").asText()).isEqualTo("SHANTYTOWN_RELOCATION");
        assertThat(started.get("movedBackOn").asText()).isEqualTo(today.minusDays(3).toString());

        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).contentType("application/json")
                .body(Map.of("cohort", "STANDARD")).put("/api/v1/households/{id}/cohort", id)
                .then().statusCode(200).body("cohort", equalTo("STANDARD")).body("movedBackOn", equalTo(null));
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/households/{id}/history", id)
                .then().statusCode(200).body("action", equalTo(List.of("REGISTER", "CHANGE_COHORT")))
                .body("[1].before.cohort", equalTo("SHANTYTOWN_RELOCATION")).body("[1].after.cohort", equalTo("STANDARD"))
                .body("[1].actor", equalTo("test-caseworker-" + HEPING));
    }

    @Test
    void shouldRefuseAMoveBackDateForAnotherCohortOrInTheFuture() {
        Map<String, Object> standard = household(HEPING, List.of(adult(today, 45, true, "UNEMPLOYED")));
        standard.put("movedBackOn", today.minusDays(3).toString());
        register(HEPING, standard).statusCode(400).body("field", equalTo("movedBackOn")).body("rule", equalTo("relocation-only"));

        String id = registered(household(HEPING, List.of(adult(today, 45, true, "UNEMPLOYED")))).get("id").asText();
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).contentType("application/json")
                .body(Map.of("cohort", "SHANTYTOWN_RELOCATION", "movedBackOn", today.plusDays(1).toString()))
                .put("/api/v1/households/{id}/cohort", id)
                .then().statusCode(400).body("field", equalTo("movedBackOn")).body("rule", equalTo("not-in-future"));
        given().header("Authorization", Tokens.bearer("caseworker", SHENHE)).contentType("application/json")
                .body(Map.of("cohort", "SHANTYTOWN_RELOCATION")).put("/api/v1/households/{id}/cohort", id).then().statusCode(404);
    }

    @Test
    void shouldNotStartWhileAMemberIsInStableWork() {
        JsonNode household = registered(household(HEPING, List.of(adult(today, 45, true, "UNEMPLOYED"),
                adult(today, 22, false, "EMPLOYED_STABLE"))));

        assertThat(household.get("status").asText()).isEqualTo("NOT_ZERO_EMPLOYMENT");
        assertThat(household.get("zeroEmploymentSince").isNull()).isTrue();
    }

    @Test
    void shouldName400TheFieldOfAWrongCheckDigitABirthDateThatDisagreesAndAnUnknownDistrict() {
        Map<String, Object> wrongCheck = adult(today, 40, true, "UNEMPLOYED");
        wrongCheck.put("nationalId", NationalIds.withWrongCheckDigit((String) wrongCheck.get("nationalId")));
        register(HEPING, household(HEPING, List.of(wrongCheck))).statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("members[0].nationalId")).body("rule", equalTo("check-digit"));

        Map<String, Object> wrongBirth = adult(today, 40, true, "UNEMPLOYED");
        wrongBirth.put("birthDate", LocalDate.parse((String) wrongBirth.get("birthDate")).minusDays(1).toString());
        register(HEPING, household(HEPING, List.of(adult(today, 30, false, "UNEMPLOYED"), wrongBirth))).statusCode(400)
                .body("field", equalTo("members[1].birthDate")).body("rule", equalTo("matches-national-id"));

        Map<String, Object> wrongGender = adult(today, 40, true, "UNEMPLOYED");
        wrongGender.put("gender", "FEMALE");
        register(HEPING, household(HEPING, List.of(wrongGender))).statusCode(400).body("field", equalTo("members[0].gender"));

        register("21", household("219999", List.of(adult(today, 40, true, "UNEMPLOYED")))).statusCode(400)
                .body("field", equalTo("districtCode")).body("rule", equalTo("gb-t-2260"));
    }

    @Test
    void shouldName400AnUnknownEnumValueAndAMissingField() {
        Map<String, Object> member = adult(today, 40, true, "LOOKING");
        register(HEPING, household(HEPING, List.of(member))).statusCode(400).body("field", equalTo("members[0].status"));

        Map<String, Object> household = household(HEPING, List.of(adult(today, 40, true, "UNEMPLOYED")));
        household.remove("street");
        register(HEPING, household).statusCode(400).body("field", equalTo("street")).body("errors.field", hasItem("street"));
    }

    @Test
    void shouldHideAHouseholdFromACaseworkerOfAnotherArea() {
        String id = registered(household(HEPING, List.of(adult(today, 40, true, "UNEMPLOYED")))).get("id").asText();

        given().header("Authorization", Tokens.bearer("caseworker", SHENHE)).get("/api/v1/households/{id}", id)
                .then().statusCode(404).body(not(containsString(HEPING)));
        given().header("Authorization", Tokens.bearer("caseworker", SHENHE)).contentType("application/json")
                .body(Map.of("reason", "UNREACHABLE")).post("/api/v1/households/{id}/exit", id)
                .then().statusCode(404);
        given().header("Authorization", Tokens.bearer("caseworker", SHENHE)).get("/api/v1/households")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
        given().header("Authorization", Tokens.bearer("caseworker", "2101")).get("/api/v1/households/{id}", id)
                .then().statusCode(200);
        register(SHENHE, household(HEPING, List.of(adult(today, 40, true, "UNEMPLOYED")))).statusCode(403)
                .body("field", equalTo("districtCode"));
    }

    @Test
    void shouldRefuseOtherRolesAndMissingTokens() {
        given().get("/api/v1/households").then().statusCode(401);
        given().header("Authorization", Tokens.bearer("official", HEPING)).get("/api/v1/households").then().statusCode(403);
    }

    @Test
    void shouldShowNationalIdsOnlyMasked() {
        Map<String, Object> member = adult(today, 40, true, "UNEMPLOYED");
        String nationalId = (String) member.get("nationalId");
        String id = registered(household(HEPING, List.of(member))).get("id").asText();

        String body = given().header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/households/{id}", id)
                .then().statusCode(200).extract().asString();

        assertThat(body).doesNotContain(nationalId)
                .contains(nationalId.substring(0, 6) + "************");
    }

    @Test
    void shouldShowASupervisorOfTheAreaOneHouseholdMaskedAndAnotherAreasNothing() {
        Map<String, Object> head = adult(today, 45, true, "UNEMPLOYED");
        Map<String, Object> spouse = adult(today, 42, false, "UNEMPLOYED");
        spouse.put("relation", "SPOUSE");
        String id = registered(household(HEPING, List.of(head, spouse))).get("id").asText();
        JsonNode asCaseworker = json(given().header("Authorization", Tokens.bearer("caseworker", HEPING))
                .get("/api/v1/households/{id}", id).then().statusCode(200).extract().asString());

        String body = given().header("Authorization", Tokens.bearer("supervisor", HEPING)).get("/api/v1/households/{id}", id)
                .then().statusCode(200).body("community", equalTo("民主社区")).body("address", equalTo("沈阳市和平区民主街12号"))
                .body("members.find { it.relation == 'HEAD' }.name", equalTo(head.get("name"))).extract().asString();

        assertThat(json(body).get("members").findValuesAsText("nationalId"))
                .containsExactlyInAnyOrderElementsOf(asCaseworker.get("members").findValuesAsText("nationalId"));
        assertThat(body).doesNotContain((String) head.get("nationalId")).doesNotContain((String) spouse.get("nationalId"));
        assertThat(json(body).get("members").findValuesAsText("nationalId")).containsOnly(HEPING + "************");
        given().header("Authorization", Tokens.bearer("supervisor", SHENHE)).get("/api/v1/households/{id}", id)
                .then().statusCode(404).body(not(containsString(HEPING)));
        given().header("Authorization", Tokens.bearer("supervisor", HEPING)).get("/api/v1/households")
                .then().statusCode(403);
        given().header("Authorization", Tokens.bearer("supervisor", HEPING)).get("/api/v1/households/{id}/history", id)
                .then().statusCode(403);
    }

    @Test
    void shouldFindHouseholdsByTheStartOfAMembersNameInsideTheAreaOnly() {
        String family = "欧阳" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> head = adult(today, 47, true, "UNEMPLOYED");
        head.put("name", family + "明");
        Map<String, Object> spouse = adult(today, 44, false, "UNEMPLOYED");
        spouse.put("relation", "SPOUSE");
        spouse.put("name", "林" + family);
        String heping = registered(household(HEPING, List.of(head, spouse))).get("id").asText();
        Map<String, Object> namesake = adult(today, 39, false, "UNEMPLOYED");
        namesake.put("name", family + "红");
        String shenhe = json(register(SHENHE, household(SHENHE, List.of(namesake))).statusCode(201).extract().asString()).get("id").asText();

        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).queryParam("name", family).get("/api/v1/households")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(heping));
        given().header("Authorization", Tokens.bearer("caseworker", "2101")).queryParam("name", family).get("/api/v1/households")
                .then().statusCode(200).body("total", equalTo(2)).body("items.id", hasItems(heping, shenhe));
        // The start of a name, not any part of it; and % or _ typed are letters, not patterns.
        given().header("Authorization", Tokens.bearer("caseworker", "2101")).queryParam("name", family.substring(1)).get("/api/v1/households")
                .then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer("caseworker", "2101")).queryParam("name", "%").get("/api/v1/households")
                .then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).queryParam("name", "x".repeat(51)).get("/api/v1/households")
                .then().statusCode(400).body("field", containsString("name"));
        // A NUL cannot reach PostgreSQL (which refuses it in text with an error of its own): a 400, not a 500.
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).queryParam("name", "王\0").get("/api/v1/households")
                .then().statusCode(400).body("field", containsString("name"));
    }

    @Test
    void shouldRefuseAnIdOfAnotherHouseholdWithoutDisclosingItOutsideTheArea() {
        Map<String, Object> member = adult(today, 40, true, "UNEMPLOYED");
        String first = registered(household(HEPING, List.of(member))).get("id").asText();
        Map<String, Object> again = household(SHENHE, List.of(member));

        register(SHENHE, again).statusCode(409).body("field", equalTo("members[0].nationalId"))
                .body("detail", containsString("another household")).body(not(containsString(first)));
        register("2101", again).statusCode(409).body("detail", containsString(first));
    }

    @Test
    void shouldLogNoPersonalDataWhenTheDatabaseRefusesAnInsert() {
        Map<String, Object> member = adult(today, 52, false, "UNEMPLOYED");
        member.put("name", "日志不应出现的姓名");
        JsonNode household = registered(household(HEPING, List.of(member)));
        Member stored = Member.findById(java.util.UUID.fromString(household.get("members").get(0).get("id").asText()));

        // What a lost race of two registrations of one person leaves: an insert the unique hash refuses. What the
        // service logs of it is caught at the root logger, whichever log manager the test JVM ended up with.
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler catcher = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters())
                        + (record.getThrown() == null ? "" : " " + stackTrace(record.getThrown())));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger.getLogger("").addHandler(catcher);
        try {
            refuseATwinOf(stored);
        } finally {
            java.util.logging.Logger.getLogger("").removeHandler(catcher);
        }

        assertThat(String.join("\n", logged)).contains("member_national_id_hash_key").doesNotContain("日志不应出现的姓名")
                .doesNotContain(stored.nationalIdHash).doesNotContain(stored.birthDate.toString());
    }

    private static String stackTrace(Throwable thrown) {
        java.io.StringWriter text = new java.io.StringWriter();
        thrown.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private static void refuseATwinOf(Member stored) {
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            Member twin = new Member();
            twin.id = java.util.UUID.randomUUID();
            twin.household = Household.findById(stored.household.id);
            twin.nationalIdCipher = stored.nationalIdCipher;
            twin.nationalIdKey = stored.nationalIdKey;
            twin.nationalIdHash = stored.nationalIdHash;
            twin.nationalIdHashKey = stored.nationalIdHashKey;
            twin.nationalIdMasked = stored.nationalIdMasked;
            twin.name = stored.name;
            twin.relation = stored.relation;
            twin.birthDate = stored.birthDate;
            twin.gender = stored.gender;
            twin.skills = "";
            twin.labourCapacity = stored.labourCapacity;
            twin.occupationCategory = stored.occupationCategory;
            twin.status = stored.status;
            twin.willingToWork = stored.willingToWork;
            twin.education = stored.education;
            twin.refreshAgeDates();
            twin.persist();
        })).hasStackTraceContaining("member_national_id_hash_key");
    }

    @Test
    void shouldTellNothingOfARegisteredNumberInARegistrationRefusedForAnotherMember() {
        Map<String, Object> member = adult(today, 40, true, "UNEMPLOYED");
        registered(household(HEPING, List.of(member)));
        Map<String, Object> wrong = adult(today, 30, false, "UNEMPLOYED");
        wrong.put("birthDate", LocalDate.parse((String) wrong.get("birthDate")).minusDays(1).toString());

        // Else a caller could try numbers beside a member sure to fail: 409 for a registered one, 400 for the others, free.
        register(HEPING, household(HEPING, List.of(member, wrong))).statusCode(400)
                .body("field", equalTo("members[1].birthDate"));
    }

    @Test
    void shouldListByStatusAndArea() {
        String zero = registered(household(HEPING, List.of(adult(today, 40, true, "UNEMPLOYED")))).get("id").asText();
        String working = registered(household(HEPING, List.of(adult(today, 40, true, "EMPLOYED_STABLE")))).get("id").asText();

        given().header("Authorization", Tokens.bearer("caseworker", "2101"))
                .queryParam("district", HEPING).queryParam("status", "ZERO_EMPLOYMENT").queryParam("size", 500)
                .get("/api/v1/households")
                .then().statusCode(200).body("items.id", hasItem(zero)).body("items.id", not(hasItem(working)))
                .body("items.status", not(hasItem("NOT_ZERO_EMPLOYMENT")));
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).queryParam("district", SHENHE)
                .get("/api/v1/households").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldEndZeroEmploymentWhenAMemberChangesAndAuditWhoDidIt() {
        Map<String, Object> member = adult(today, 40, true, "UNEMPLOYED");
        JsonNode household = registered(household(HEPING, List.of(member)));
        String id = household.get("id").asText();

        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).contentType("application/json")
                .body(Map.of("status", "EMPLOYED_STABLE")).patch("/api/v1/households/{id}/members/{m}", id, memberId(household, member))
                .then().statusCode(200).body("status", equalTo("NOT_ZERO_EMPLOYMENT"));

        JsonNode ended = json(events.await(r -> is(r, id, ENDED), 1).get(0).value());
        assertThat(ended.get("reason").asText()).isEqualTo("EMPLOYED_ELSEWHERE");
        assertThat(ended.get("on").asText()).isEqualTo(today.toString());
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/households/{id}/history", id)
                .then().statusCode(200)
                .body("action", equalTo(List.of("REGISTER", "CHANGE_MEMBER")))
                .body("actor", hasItem("test-caseworker-" + HEPING))
                .body("[1].before.status", equalTo("ZERO_EMPLOYMENT"))
                .body("[1].after.status", equalTo("NOT_ZERO_EMPLOYMENT"))
                .body(not(containsString((String) member.get("nationalId"))));
    }

    @Test
    void shouldEndZeroEmploymentOnAnExitWithItsReason() {
        String id = registered(household(HEPING, List.of(adult(today, 40, true, "UNEMPLOYED")))).get("id").asText();

        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).contentType("application/json")
                .body(Map.of("reason", "LOST_ABILITY_OR_WILLINGNESS", "note", "no longer willing to work"))
                .post("/api/v1/households/{id}/exit", id)
                .then().statusCode(200).body("status", equalTo("EXITED")).body("exitReason", equalTo("LOST_ABILITY_OR_WILLINGNESS"));

        assertThat(json(events.await(r -> is(r, id, ENDED), 1).get(0).value()).get("reason").asText()).isEqualTo("EXITED");
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).contentType("application/json")
                .body(Map.of("reason", "LOST_ABILITY_OR_WILLINGNESS")).post("/api/v1/households/{id}/exit", id)
                .then().statusCode(409);
        JsonNode exited = json(events.await(r -> is(r, id, "wanjia.household.exited.v1"), 1).get(0).value());
        assertThat(exited.get("reason").asText()).isEqualTo("LOST_ABILITY_OR_WILLINGNESS");
        assertThat(exited.get("on").asText()).isEqualTo(today.toString());
    }

    @Test
    void shouldTellTheOtherServicesOfTheExitOfAHouseholdInWork() {
        // Not zero-employment, so no zero-employment-ended: household-exited still goes out, for the targets it may have open.
        String id = registered(household(HEPING, List.of(adult(today, 40, true, "EMPLOYED_STABLE")))).get("id").asText();

        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).contentType("application/json")
                .body(Map.of("reason", "BUSINESS_INCOME")).post("/api/v1/households/{id}/exit", id)
                .then().statusCode(200).body("status", equalTo("EXITED"));

        JsonNode exited = json(events.await(r -> is(r, id, "wanjia.household.exited.v1"), 1).get(0).value());
        assertThat(exited.get("reason").asText()).isEqualTo("BUSINESS_INCOME");
        assertThat(events.seen().stream().filter(r -> is(r, id, ENDED))).isEmpty();
    }

    @Test
    void shouldEndWhenTheLastCountedMemberIsRemovedAndStartWhenOneIsAdded() {
        Map<String, Object> member = adult(today, 40, true, "UNEMPLOYED");
        JsonNode household = registered(household(HEPING, List.of(member, adult(today, 70, false, "RETIRED"))));
        String id = household.get("id").asText();

        given().header("Authorization", Tokens.bearer("caseworker", HEPING))
                .delete("/api/v1/households/{id}/members/{m}", id, memberId(household, member))
                .then().statusCode(200).body("members.size()", equalTo(1)).body("status", equalTo("NOT_ZERO_EMPLOYMENT"));
        assertThat(json(events.await(r -> is(r, id, ENDED), 1).get(0).value()).get("reason").asText()).isEqualTo("NO_LONGER_ELIGIBLE");

        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).contentType("application/json")
                .body(adult(today, 30, false, "UNEMPLOYED")).post("/api/v1/households/{id}/members", id)
                .then().statusCode(201).body("status", equalTo("ZERO_EMPLOYMENT"));
        assertThat(events.await(r -> is(r, id, STARTED), 2)).hasSize(2);
    }

    static String memberId(JsonNode household, Map<String, Object> member) {
        for (JsonNode m : household.get("members")) {
            if (m.get("birthDate").asText().equals(member.get("birthDate")) && m.get("gender").asText().equals(member.get("gender"))) {
                return m.get("id").asText();
            }
        }
        throw new AssertionError("member not in household");
    }

    static void assertNoNationalIdIn(List<ConsumerRecord<String, String>> records) {
        assertThat(records).isNotEmpty();
        for (ConsumerRecord<String, String> record : records) {
            assertThat(NationalIds.issued()).allSatisfy(id -> assertThat(record.value()).doesNotContain(id));
        }
    }
}
