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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.identity.IdentityClaimed;
import io.wanjia.household.domain.NationalId;
import io.wanjia.household.service.NationalIdVault;

/**
 * Transfers between districts (#18) against the real Kafka and PostgreSQL, this deployment on either side: the other
 * district is a second deployment's records on the city's topics, as its household-service publishes them (two real
 * services side by side: e2e {@code CityIdentityIT}). A household released from here leaves with its facts and its
 * episode's first day, never an ID, name or birth date, and its record here closes pointing to the new district; one
 * asked for from here arrives with the IDs typed here and keeps its day count.
 */
@QuarkusTest
class HouseholdTransfersIT extends WatchingHouseholdEvents {

    private static final String REQUESTED = "wanjia.transfer.requested.v1";
    private static final String RELEASED = "wanjia.transfer.released.v1";
    private static final String REFUSED = "wanjia.transfer.refused.v1";
    private static final String COMPLETED = "wanjia.transfer.completed.v1";
    private static final String FAILED = "wanjia.transfer.failed.v1";
    /** The other district's deployment, as its WANJIA_DEPLOYMENT_AREA names it; this one is {@code local}. */
    private static final String SHENHE_DEPLOYMENT = "210103";

    @Inject
    NationalIdVault vault;
    @Inject
    EntityManager em;

    KafkaTestClient.Watch transfers;
    KafkaTestClient.Watch claims;

    @BeforeEach
    void watchTransfers() {
        transfers = kafka.watch(Topics.HOUSEHOLD_TRANSFERS);
        claims = kafka.watch(Topics.IDENTITY_CLAIMS);
    }

    @AfterEach
    void closeTransfers() {
        transfers.close();
        claims.close();
    }

    @Test
    void shouldReleaseAHouseholdOnDay12WithItsEpisodeAndCloseItsRecordHere() {
        // The head lost his job 11 days ago, as the labour bureau reports late: today is day 12 of the promise.
        Map<String, Object> head = adult(today, 45, true, "EMPLOYED_STABLE");
        Map<String, Object> spouse = adult(today, 43, false, "UNEMPLOYED");
        spouse.put("relation", "SPOUSE");
        JsonNode household = registered(household(HEPING, List.of(head, spouse)));
        String householdId = household.get("id").asText();
        Fixtures.reportByHttp(HEPING, "wanjia.labour.unemployment-reported.v1",
                Fixtures.unemployment((String) head.get("nationalId"), today.minusDays(11)));
        assertThat(awaitEvent(householdId, STARTED).get("since").asText()).isEqualTo(today.minusDays(11).toString());
        UUID transfer = UUID.randomUUID();

        sendRequest(transfer, household, List.of(0, 1));
        JsonNode asked = awaitTransfer(HEPING, transfer, "REQUESTED");
        assertThat(asked.get("direction").asText()).isEqualTo("OUT");
        assertThat(asked.get("householdId").asText()).isEqualTo(householdId);
        assertThat(asked.get("toDistrictName").asText()).isEqualTo("沈河区");
        // Another district's caseworker does not see it; a supervisor may read, not release.
        as("caseworker", SHENHE).get("/api/v1/transfers/" + transfer).then().statusCode(404);
        as("supervisor", HEPING).body(Map.of("note", "x")).post("/api/v1/transfers/" + transfer + "/release").then().statusCode(403);

        as("caseworker", HEPING).body(Map.of("note", "户口已迁至沈河区")).post("/api/v1/transfers/" + transfer + "/release").then()
                .statusCode(200).body("status", equalTo("RELEASED")).body("decidedBy", equalTo("test-caseworker-" + HEPING));

        ConsumerRecord<String, String> released = transfers.await(r -> RELEASED.equals(KafkaTestClient.header(r, "ce_type"))
                && r.key().equals(transfer.toString()), 1).get(0);
        JsonNode data = json(released.value());
        assertThat(data.get("zeroEmploymentSince").asText()).isEqualTo(today.minusDays(11).toString());
        assertThat(data.get("fromHouseholdId").asText()).isEqualTo(householdId);
        assertThat(data.get("members")).hasSize(2);
        assertThat(data.at("/members/1/relation").asText()).isEqualTo("SPOUSE");
        for (Map<String, Object> person : List.of(head, spouse)) {
            String id = (String) person.get("nationalId");
            assertThat(released.value()).doesNotContain(id).doesNotContain(id.substring(0, 14)).doesNotContain((String) person.get("name"))
                    .doesNotContain((String) person.get("birthDate")).doesNotContain("gender");
        }
        // Until Shenhe has registered it, the household stays here as it was, and nobody changes it.
        as("caseworker", HEPING).get("/api/v1/households/" + householdId).then().statusCode(200)
                .body("status", equalTo("ZERO_EMPLOYMENT")).body("members.size()", equalTo(2));
        as("caseworker", HEPING).body(Map.of("cohort", "STANDARD")).put("/api/v1/households/" + householdId + "/cohort").then()
                .statusCode(409).body("rule", equalTo("transfer-pending"));
        // Shenhe's claim on the head, read before its completion: a move, not a duplicate.
        String headHash = hashOf((String) head.get("nationalId"));
        awaitInbox(sendClaim(headHash, UUID.randomUUID()));
        assertThat(count("SELECT count(*) FROM duplicate_review WHERE household_id = ?1", UUID.fromString(householdId))).isZero();

        sendTransfer(COMPLETED, transfer.toString(), outcome(transfer, "completedOn", Map.of()));

        awaitTransfer(HEPING, transfer, "COMPLETED");
        // The promise ends here as transferred, not as an exit or a placement; the household says where it went.
        JsonNode ended = awaitEvent(householdId, ENDED);
        assertThat(ended.get("reason").asText()).isEqualTo("TRANSFERRED");
        JsonNode exited = awaitEvent(householdId, "wanjia.household.exited.v1");
        assertThat(exited.get("reason").asText()).isEqualTo("TRANSFERRED");
        assertThat(exited.get("toDistrictCode").asText()).isEqualTo(SHENHE);
        assertThat(events.await(r -> Fixtures.is(r, householdId, MEMBER_CHANGED) && r.value().contains("REMOVED"), 2)).hasSize(2);
        assertThat(claims.await(r -> "wanjia.identity.released.v1".equals(KafkaTestClient.header(r, "ce_type"))
                && json(r.value()).get("reason").asText().equals("TRANSFERRED")
                && r.value().contains(household.at("/members/0/id").asText()), 1)).hasSize(1);
        as("caseworker", HEPING).get("/api/v1/households/" + householdId).then().statusCode(200)
                .body("status", equalTo("EXITED")).body("exitReason", equalTo("TRANSFERRED"))
                .body("transferredTo", equalTo(SHENHE)).body("transferId", equalTo(transfer.toString()))
                .body("exitNote", containsString("沈河区")).body("members.size()", equalTo(0));
        // Decided once: a second release (a double click, a retry) is refused.
        as("caseworker", HEPING).body(Map.of("note", "again")).post("/api/v1/transfers/" + transfer + "/release").then()
                .statusCode(409).body("rule", equalTo("requested"));
        // The person is no longer registered here: the new district holds them.
        assertThat(count("SELECT count(*) FROM member WHERE national_id_hash = ?1", headHash)).isZero();
    }

    @Test
    void shouldKeepAHouseholdWhoseReleaseTheOtherDistrictCouldNotTake() {
        Map<String, Object> head = adult(today, 47, true, "UNEMPLOYED");
        JsonNode household = registered(household(HEPING, List.of(head)));
        String householdId = household.get("id").asText();
        UUID transfer = UUID.randomUUID();
        sendRequest(transfer, household, List.of(0));
        awaitTransfer(HEPING, transfer, "REQUESTED");
        // The household changed since the request: its release is refused until the request names its members.
        as("caseworker", HEPING).body(adult(today, 20, false, "UNEMPLOYED")).post("/api/v1/households/" + householdId + "/members").then()
                .statusCode(201);
        as("caseworker", HEPING).body(Map.of("note", "x")).post("/api/v1/transfers/" + transfer + "/release").then().statusCode(409)
                .body("rule", equalTo("members-changed"));
        as("caseworker", HEPING).body(Map.of("note", "家庭成员有变化，请重新申请")).post("/api/v1/transfers/" + transfer + "/refusal").then()
                .statusCode(200).body("status", equalTo("REFUSED")).body("refusalReason", equalTo("DECLINED"));
        assertThat(refusal(transfer)).isEqualTo("DECLINED");

        UUID again = UUID.randomUUID();
        JsonNode now = json(as("caseworker", HEPING).get("/api/v1/households/" + householdId).then().statusCode(200).extract().asString());
        sendRequest(again, now, List.of(0, 1));
        awaitTransfer(HEPING, again, "REQUESTED");
        as("caseworker", HEPING).body(Map.of("note", "x")).post("/api/v1/transfers/" + again + "/release").then().statusCode(200);
        sendTransfer(FAILED, again.toString(), outcome(again, "failedOn", Map.of("reason", "REGISTERED_HERE")));

        JsonNode failed = awaitTransfer(HEPING, again, "FAILED");
        assertThat(failed.get("failureReason").asText()).isEqualTo("REGISTERED_HERE");
        as("caseworker", HEPING).get("/api/v1/households/" + householdId).then().statusCode(200)
                .body("status", equalTo("ZERO_EMPLOYMENT")).body("members.size()", equalTo(2));
        as("caseworker", HEPING).body(Map.of("cohort", "STANDARD")).put("/api/v1/households/" + householdId + "/cohort").then()
                .statusCode(200);
    }

    @Test
    void shouldRefuseAtOnceARequestThatDoesNotNameExactlyOneHouseholdsMembers() {
        Map<String, Object> head = adult(today, 50, true, "UNEMPLOYED");
        Map<String, Object> spouse = adult(today, 48, false, "UNEMPLOYED");
        spouse.put("relation", "SPOUSE");
        JsonNode household = registered(household(HEPING, List.of(head, spouse)));
        UUID partial = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();

        sendRequest(partial, household, List.of(0));
        sendRequest(unknown, UUID.randomUUID(), hashOf((String) head.get("nationalId")));

        assertThat(refusal(partial)).isEqualTo("MEMBERS_DIFFER");
        assertThat(refusal(unknown)).isEqualTo("NOT_HELD");
        as("caseworker", HEPING).get("/api/v1/households/" + household.get("id").asText()).then().statusCode(200)
                .body("status", equalTo("ZERO_EMPLOYMENT")).body("members.size()", equalTo(2));
    }

    @Test
    void shouldReceiveAHouseholdAskedForHereWithTheIdsTypedHereAndItsDayCount() {
        LocalDate since = today.minusDays(11);
        Map<String, Object> person = adult(today, 39, false, "UNEMPLOYED");
        String nationalId = (String) person.get("nationalId");
        String hash = hashOf(nationalId);
        UUID theirMember = UUID.randomUUID();
        UUID theirHousehold = UUID.randomUUID();
        sendClaim(hash, theirMember);
        awaitClaimHeld(hash, true);

        Map<String, Object> request = transferRequest(List.of(Map.of("nationalId", nationalId, "name", "李秀英")));
        String body = as("caseworker", HEPING).body(request).post("/api/v1/transfers").then().statusCode(201)
                .body("direction", equalTo("IN")).body("status", equalTo("REQUESTED")).body("fromDistrictCode", equalTo(SHENHE))
                .body("members", equalTo(1)).extract().asString();
        String transfer = json(body).get("id").asText();
        ConsumerRecord<String, String> asked = transfers.await(r -> REQUESTED.equals(KafkaTestClient.header(r, "ce_type"))
                && r.key().equals(transfer), 1).get(0);
        assertThat(json(asked.value()).at("/members/0/memberId").asText()).isEqualTo(theirMember.toString());
        assertThat(json(asked.value()).get("fromDeployment").asText()).isEqualTo(SHENHE_DEPLOYMENT);
        assertThat(asked.value()).doesNotContain(nationalId).doesNotContain("李秀英");

        String release = released(transfer, theirHousehold, since, theirMember, hash);
        sendTransfer(RELEASED, transfer, release);

        JsonNode arrived = awaitTransfer(HEPING, UUID.fromString(transfer), "COMPLETED");
        String householdId = arrived.get("householdId").asText();
        JsonNode here = json(as("caseworker", HEPING).get("/api/v1/households/" + householdId).then().statusCode(200).extract().asString());
        assertThat(here.get("status").asText()).isEqualTo("ZERO_EMPLOYMENT");
        assertThat(here.get("zeroEmploymentSince").asText()).isEqualTo(since.toString());
        assertThat(here.get("transferredFrom").asText()).isEqualTo(SHENHE);
        assertThat(here.get("address").asText()).isEqualTo("沈阳市和平区民主街30号");
        assertThat(here.at("/members/0/name").asText()).isEqualTo("李秀英");
        assertThat(here.at("/members/0/birthDate").asText()).isEqualTo(person.get("birthDate"));
        assertThat(here.at("/members/0/skills")).isEmpty();
        assertThat(here.at("/members/0/statusSince").asText()).isEqualTo(since.toString());
        // Day 1 is the episode's first day in the other district: the deadline does not restart.
        JsonNode started = awaitEvent(householdId, STARTED);
        assertThat(started.get("since").asText()).isEqualTo(since.toString());
        assertThat(started.get("transferredFrom").asText()).isEqualTo(SHENHE);
        // Shenhe is told, and closes its record.
        transfers.await(r -> COMPLETED.equals(KafkaTestClient.header(r, "ce_type")) && r.key().equals(transfer), 1);
        // The person is claimed from here now. The claim met Shenhe's as the arrival committed, and Shenhe's was taken as
        // released by then: the pair is no duplicate.
        claims.await(r -> "wanjia.identity.claimed.v1".equals(KafkaTestClient.header(r, "ce_type"))
                && r.key().equals(IdentityClaimed.key("k1", hash, "local")), 1);
        awaitClaimHeld(hash, false);
        assertThat(count("SELECT count(*) FROM duplicate_review WHERE other_member_id = ?1", theirMember)).isZero();
        // What was typed here for the request is forgotten once it is a member's.
        assertThat(count("SELECT count(*) FROM transfer_person WHERE national_id_cipher IS NOT NULL AND transfer_id = ?1",
                UUID.fromString(transfer))).isZero();

        // The release read again (a replay under a new id) registers nothing twice.
        awaitInbox(sendTransfer(RELEASED, transfer, release));
        assertThat(count("SELECT count(*) FROM member WHERE national_id_hash = ?1", hash)).isEqualTo(1);
        register(HEPING, household(HEPING, List.of(person))).statusCode(409).body("detail", containsString(householdId));

        // A release this district never asked for (another id; after a restore, or forged) is answered, not dropped: the
        // sending district keeps its household.
        UUID unasked = UUID.randomUUID();
        sendTransfer(RELEASED, unasked.toString(), released(unasked.toString(), theirHousehold, since, theirMember, hash));
        ConsumerRecord<String, String> failed = transfers.await(r -> FAILED.equals(KafkaTestClient.header(r, "ce_type"))
                && r.key().equals(unasked.toString()), 1).get(0);
        assertThat(json(failed.value()).get("reason").asText()).isEqualTo("NOT_REQUESTED");
    }

    @Test
    void shouldRefuseARequestForAPersonNoOtherDistrictHoldsOrOneRegisteredHere() {
        Map<String, Object> nobody = adult(today, 30, true, "UNEMPLOYED");
        as("caseworker", HEPING).body(transferRequest(List.of(Map.of("nationalId", nobody.get("nationalId"), "name", "王建国"))))
                .post("/api/v1/transfers").then().statusCode(409).body("rule", equalTo("registered-elsewhere"))
                .body("field", equalTo("members[0].nationalId"));

        Map<String, Object> local = adult(today, 31, true, "UNEMPLOYED");
        registered(household(HEPING, List.of(local)));
        as("caseworker", HEPING).body(transferRequest(List.of(Map.of("nationalId", local.get("nationalId"), "name", "王建国"))))
                .post("/api/v1/transfers").then().statusCode(409).body("rule", equalTo("unique"));

        as("caseworker", HEPING).body(transferRequest(List.of(Map.of("nationalId", "210102198001011234", "name", "王建国"))))
                .post("/api/v1/transfers").then().statusCode(400).body("field", equalTo("members[0].nationalId"));
        // Into a district outside the caller's area: refused before any ID is looked at.
        Map<String, Object> elsewhere = transferRequest(List.of(Map.of("nationalId", nobody.get("nationalId"), "name", "王建国")));
        elsewhere.put("districtCode", SHENHE);
        as("caseworker", HEPING).body(elsewhere).post("/api/v1/transfers").then().statusCode(403);
        // A caseworker chooses no exit by transfer: it is the transfer's alone.
        JsonNode household = registered(household(HEPING, List.of(adult(today, 33, true, "UNEMPLOYED"))));
        as("caseworker", HEPING).body(Map.of("reason", "TRANSFERRED", "note", "moved"))
                .post("/api/v1/households/" + household.get("id").asText() + "/exit").then().statusCode(400)
                .body("rule", equalTo("transfer-only"));
    }

    @Test
    void shouldDeadLetterATransferRecordWhoseKeyIsNotItsIdAndGoOn() {
        UUID transfer = UUID.randomUUID();
        try (KafkaTestClient.Watch deadLetters = kafka.watch(Topics.deadLetter(Topics.HOUSEHOLD_TRANSFERS))) {
            Map<String, String> headers = headers(REFUSED);
            kafka.send(Topics.HOUSEHOLD_TRANSFERS, "not-the-id", headers, Fixtures.write(Map.of("transferId", transfer.toString(),
                    "fromDeployment", SHENHE_DEPLOYMENT, "fromDistrictCode", SHENHE, "toDeployment", "local", "toDistrictCode", HEPING,
                    "reason", "DECLINED", "refusedOn", today.toString())));
            ConsumerRecord<String, String> dead = deadLetters.await(r -> headers.get("ce_id").equals(KafkaTestClient.header(r, "ce_id")), 1)
                    .get(0);
            assertThat(KafkaTestClient.header(dead, "dlq-reason")).contains("key");
        }
        // The consumer goes on: a request after it is answered.
        JsonNode household = registered(household(HEPING, List.of(adult(today, 52, true, "UNEMPLOYED"))));
        UUID next = UUID.randomUUID();
        sendRequest(next, household, List.of(0));
        awaitTransfer(HEPING, next, "REQUESTED");
    }

    private Map<String, Object> transferRequest(List<Map<String, Object>> members) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("districtCode", HEPING);
        request.put("street", "南市场街道");
        request.put("community", "民主社区");
        request.put("address", "沈阳市和平区民主街30号");
        request.put("members", members);
        request.put("note", "从沈河区迁入");
        return request;
    }

    private String released(String transfer, UUID theirHousehold, LocalDate since, UUID theirMember, String hash) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("memberId", theirMember.toString());
        member.put("hashKeyId", "k1");
        member.put("hash", hash);
        member.put("relation", "HEAD");
        member.put("education", "SENIOR_MIDDLE");
        member.put("skills", List.of()); // a member may have none
        member.put("labourCapacity", "FULL");
        member.put("willingToWork", true);
        member.put("occupationCategory", "WORKER");
        member.put("employmentStatus", "UNEMPLOYED");
        member.put("statusSince", since.toString());
        member.put("businessIncome", false);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("transferId", transfer);
        data.put("fromDeployment", SHENHE_DEPLOYMENT);
        data.put("fromDistrictCode", SHENHE);
        data.put("toDeployment", "local");
        data.put("toDistrictCode", HEPING);
        data.put("fromHouseholdId", theirHousehold.toString());
        data.put("releasedOn", today.toString());
        data.put("cohort", "STANDARD");
        data.put("minimumLivingAllowance", false);
        data.put("zeroEmploymentSince", since.toString());
        data.put("members", List.of(member));
        return Fixtures.write(data);
    }

    /** Shenhe asks for the household's members at {@code positions}. */
    private void sendRequest(UUID transfer, JsonNode household, List<Integer> positions) {
        List<Map<String, Object>> members = positions.stream().map(i -> {
            String memberId = household.at("/members/" + i + "/id").asText();
            String hash = (String) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "SELECT national_id_hash FROM member WHERE id = ?1").setParameter(1, UUID.fromString(memberId)).getSingleResult());
            return Map.<String, Object>of("memberId", memberId, "hashKeyId", "k1", "hash", hash);
        }).toList();
        sendTransfer(REQUESTED, transfer.toString(), request(transfer, members));
    }

    private void sendRequest(UUID transfer, UUID memberId, String hash) {
        sendTransfer(REQUESTED, transfer.toString(), request(transfer, List.of(Map.of("memberId", memberId.toString(), "hashKeyId", "k1",
                "hash", hash))));
    }

    private String request(UUID transfer, List<Map<String, Object>> members) {
        return Fixtures.write(Map.of("transferId", transfer.toString(), "fromDeployment", "local", "fromDistrictCode", HEPING,
                "toDeployment", SHENHE_DEPLOYMENT, "toDistrictCode", SHENHE, "members", members, "requestedOn", today.toString()));
    }

    private String refusal(UUID transfer) {
        ConsumerRecord<String, String> refused = transfers.await(r -> REFUSED.equals(KafkaTestClient.header(r, "ce_type"))
                && r.key().equals(transfer.toString()), 1).get(0);
        return json(refused.value()).get("reason").asText();
    }

    /** Sends a record of the other district on the transfers topic; returns its event id. */
    private String sendTransfer(String type, String key, String value) {
        Map<String, String> headers = headers(type);
        kafka.send(Topics.HOUSEHOLD_TRANSFERS, key, headers, value);
        return headers.get("ce_id");
    }

    /** Shenhe's claim on a person; returns its event id. */
    private String sendClaim(String hash, UUID member) {
        Map<String, String> headers = headers("wanjia.identity.claimed.v1");
        kafka.send(Topics.IDENTITY_CLAIMS, IdentityClaimed.key("k1", hash, SHENHE_DEPLOYMENT), headers, Fixtures.write(Map.of(
                "hashKeyId", "k1", "hash", hash, "deployment", SHENHE_DEPLOYMENT, "districtCode", SHENHE, "memberId", member.toString())));
        return headers.get("ce_id");
    }

    /** Shenhe's word on a household released to it: completed or failed, dated today ({@code dateField}). */
    private String outcome(UUID transfer, String dateField, Map<String, Object> more) {
        Map<String, Object> data = new LinkedHashMap<>(Map.of("transferId", transfer.toString(), "fromDeployment", "local",
                "fromDistrictCode", HEPING, "toDeployment", SHENHE_DEPLOYMENT, "toDistrictCode", SHENHE, dateField, today.toString()));
        data.putAll(more);
        return Fixtures.write(data);
    }

    private static Map<String, String> headers(String type) {
        Map<String, String> headers = Fixtures.reportHeaders(UUID.randomUUID().toString(), type);
        headers.put("ce_source", "/wanjia/household-service");
        headers.put("ce_time", Instant.now().toString());
        return headers;
    }

    private JsonNode awaitTransfer(String area, UUID transfer, String status) {
        return Awaitility.await("transfer " + transfer + " " + status).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    var response = as("caseworker", area).get("/api/v1/transfers/" + transfer).then().extract();
                    return response.statusCode() == 200 ? json(response.asString()) : null;
                }, t -> t != null && status.equals(t.get("status").asText()));
    }

    private JsonNode awaitEvent(String householdId, String type) {
        return json(events.await(r -> Fixtures.is(r, householdId, type), 1).get(0).value());
    }

    private void awaitClaimHeld(String hash, boolean held) {
        Awaitility.await("Shenhe's claim held " + held).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> count("SELECT count(*) FROM identity_claim WHERE hash = ?1 AND deployment = ?2 AND held = " + held, hash,
                        SHENHE_DEPLOYMENT) == 1);
    }

    private void awaitInbox(String eventId) {
        Awaitility.await("event " + eventId + " processed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> count("SELECT count(*) FROM processed_event WHERE event_id = ?1", eventId) == 1);
    }

    private long count(String sql, Object... parameters) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }

    private String hashOf(String nationalId) {
        return vault.hash(NationalId.parse(nationalId));
    }

    private static io.restassured.specification.RequestSpecification as(String role, String area) {
        return given().header("Authorization", Tokens.bearer(role, area)).contentType("application/json");
    }
}
