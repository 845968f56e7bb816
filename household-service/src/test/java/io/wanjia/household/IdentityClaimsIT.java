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
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

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
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.identity.IdentityClaimed;
import io.wanjia.household.domain.NationalId;
import io.wanjia.household.service.IdentityClaims;
import io.wanjia.household.service.NationalIdVault;

/**
 * Identity across a city (#18) against the real Kafka and PostgreSQL: this deployment claims whom it registers on the
 * city's claims topic (keyed hash, never the number), refuses a person another district holds naming only that
 * district, and puts a person both districts registered in its duplicate review queue, whichever claim it reads second.
 * The other district is a second deployment's records on the same topic, as its household-service would publish them
 * (two real services side by side: e2e {@code CityIdentityIT}).
 */
@QuarkusTest
class IdentityClaimsIT extends WatchingHouseholdEvents {

    private static final String CLAIMED = "wanjia.identity.claimed.v1";
    private static final String RELEASED = "wanjia.identity.released.v1";
    /** The other district's deployment, as its WANJIA_DEPLOYMENT_AREA names it. */
    private static final String SHENHE_DEPLOYMENT = "210103";

    @Inject
    NationalIdVault vault;
    @Inject
    IdentityClaims claims;
    @Inject
    EntityManager em;
    @Inject
    DataSource dataSource;

    KafkaTestClient.Watch claimTopic;

    @BeforeEach
    void watchClaims() {
        claimTopic = kafka.watch(Topics.IDENTITY_CLAIMS);
    }

    @AfterEach
    void closeClaims() {
        claimTopic.close();
    }

    @Test
    void shouldClaimARegisteredMemberByKeyedHashOnly() {
        Map<String, Object> person = adult(today, 40, true, "UNEMPLOYED");
        String nationalId = (String) person.get("nationalId");
        JsonNode household = registered(household(HEPING, List.of(person)));
        String memberId = household.at("/members/0/id").asText();
        String hash = hashOf(nationalId);

        ConsumerRecord<String, String> claim = claimTopic.await(r -> r.value().contains(memberId), 1).get(0);

        assertThat(claim.key()).isEqualTo(IdentityClaimed.key("k1", hash, "local"));
        assertThat(KafkaTestClient.header(claim, "ce_type")).isEqualTo(CLAIMED);
        JsonNode value = json(claim.value());
        assertThat(value.get("hash").asText()).isEqualTo(hash);
        assertThat(value.get("districtCode").asText()).isEqualTo(HEPING);
        assertThat(value.get("deployment").asText()).isEqualTo("local");
        assertThat(claim.value()).doesNotContain(nationalId).doesNotContain(nationalId.substring(6, 14)).doesNotContain("name");
    }

    @Test
    void shouldRefuseAPersonAnotherDistrictHoldsNamingOnlyThatDistrict() {
        Map<String, Object> person = adult(today, 35, false, "UNEMPLOYED");
        String hash = hashOf((String) person.get("nationalId"));
        UUID theirMember = UUID.randomUUID();
        sendClaim(CLAIMED, hash, SHENHE_DEPLOYMENT, SHENHE, theirMember);
        awaitClaim(hash, SHENHE_DEPLOYMENT, true);

        String body = register(HEPING, household(HEPING, List.of(person))).statusCode(409)
                .body("field", equalTo("members[0].nationalId"))
                .body("detail", containsString("another district: 210103 沈河区")).extract().asString();

        assertThat(body).doesNotContain(theirMember.toString()).doesNotContain(hash);
    }

    @Test
    void shouldQueueAPersonBothDistrictsRegisteredAndRemoveTheMemberHere() {
        Map<String, Object> person = adult(today, 44, true, "UNEMPLOYED");
        Map<String, Object> spouse = adult(today, 42, false, "UNEMPLOYED");
        JsonNode household = registered(household(HEPING, List.of(person, spouse)));
        String householdId = household.get("id").asText();
        String memberId = household.at("/members/0/id").asText();
        String hash = hashOf((String) person.get("nationalId"));
        awaitPublished(hash);
        UUID theirMember = UUID.randomUUID();

        // Shenhe registered the same person before it saw this district's claim: its claim arrives now.
        sendClaim(CLAIMED, hash, SHENHE_DEPLOYMENT, SHENHE, theirMember);

        String reviewId = awaitOpenReview(memberId);
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/duplicate-reviews/" + reviewId).then()
                .statusCode(200).body("householdId", equalTo(householdId)).body("otherDistrictCode", equalTo(SHENHE))
                .body("otherDistrictName", equalTo("沈河区")).body("otherMemberId", equalTo(theirMember.toString()))
                .body("status", equalTo("OPEN")).body(not(containsString((String) person.get("nationalId"))));
        // Another district's caseworker does not learn that the review exists.
        given().header("Authorization", Tokens.bearer("caseworker", SHENHE)).get("/api/v1/duplicate-reviews/" + reviewId).then()
                .statusCode(404);
        // A supervisor reads the queue; only a caseworker resolves it.
        resolve(reviewId, "supervisor", Map.of("decision", "REMOVE_HERE", "note", "x")).statusCode(403);

        resolve(reviewId, "caseworker", Map.of("decision", "REMOVE_HERE", "note", "the family lives in Shenhe since March"))
                .statusCode(200).body("status", equalTo("REMOVED_HERE")).body("resolvedBy", equalTo("test-caseworker-" + HEPING));

        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/households/" + householdId).then()
                .statusCode(200).body("members.size()", equalTo(1)).body("members[0].id", not(equalTo(memberId)));
        ConsumerRecord<String, String> release = claimTopic.await(r -> RELEASED.equals(KafkaTestClient.header(r, "ce_type"))
                && r.value().contains(memberId), 1).get(0);
        assertThat(release.key()).isEqualTo(IdentityClaimed.key("k1", hash, "local"));
        assertThat(json(release.value()).get("reason").asText()).isEqualTo("MEMBER_REMOVED");
        resolve(reviewId, "caseworker", Map.of("decision", "KEEP_HERE", "note", "again")).statusCode(409);
    }

    @Test
    void shouldCloseTheReviewWhenTheOtherDistrictReleasesAndKeepOneKeptHere() {
        Map<String, Object> first = adult(today, 50, true, "UNEMPLOYED");
        Map<String, Object> second = adult(today, 48, false, "UNEMPLOYED");
        JsonNode household = registered(household(HEPING, List.of(first, second)));
        String firstId = household.at("/members/0/id").asText();
        String secondId = household.at("/members/1/id").asText();
        String firstHash = hashOf((String) first.get("nationalId"));
        String secondHash = hashOf((String) second.get("nationalId"));
        awaitPublished(firstHash);
        awaitPublished(secondHash);
        UUID theirFirst = UUID.randomUUID();
        UUID theirSecond = UUID.randomUUID();
        sendClaim(CLAIMED, firstHash, SHENHE_DEPLOYMENT, SHENHE, theirFirst);
        sendClaim(CLAIMED, secondHash, SHENHE_DEPLOYMENT, SHENHE, theirSecond);
        String firstReview = awaitOpenReview(firstId);
        String secondReview = awaitOpenReview(secondId);

        // Shenhe re-keys: it releases the old hash (and claims under its new key). It still holds the person, so the review
        // stays open; seen once the claim sent after the release on the same key is read.
        sendReleased(firstHash, SHENHE_DEPLOYMENT, SHENHE, theirFirst, "REKEYED");
        awaitClaim(firstHash, SHENHE_DEPLOYMENT, false);
        sendClaim(CLAIMED, firstHash, SHENHE_DEPLOYMENT, SHENHE, theirFirst);
        awaitClaim(firstHash, SHENHE_DEPLOYMENT, true);
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/duplicate-reviews/" + firstReview).then()
                .statusCode(200).body("status", equalTo("OPEN"));

        sendClaim(RELEASED, firstHash, SHENHE_DEPLOYMENT, SHENHE, theirFirst);
        resolve(secondReview, "caseworker", Map.of("decision", "KEEP_HERE", "note", "checked the hukou: lives here")).statusCode(200)
                .body("status", equalTo("KEPT_HERE"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> given()
                .header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/duplicate-reviews/" + firstReview).then()
                .statusCode(200).body("status", equalTo("RESOLVED_ELSEWHERE")));
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/households/" + household.get("id").asText())
                .then().statusCode(200).body("members.size()", equalTo(2));
        // The queue of open reviews no longer holds either.
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/duplicate-reviews?status=OPEN&size=500").then()
                .statusCode(200).body("items.id", not(org.hamcrest.Matchers.hasItem(firstReview)))
                .body("items.id", not(org.hamcrest.Matchers.hasItem(secondReview)));
    }

    /**
     * The race seen from the registering side: Shenhe's claim is being read here (under the person's lock, not committed
     * yet) while this district registers the person. The registration checked for other claims before the claim was
     * committed, so it succeeds; the claim's reading cannot see the member, not committed yet, so it queues nothing. The
     * registration meets the claim as it commits, under the same lock, once the reading has committed: the pair is queued.
     */
    @Test
    void shouldQueueThePersonWhenAnotherDistrictsClaimIsReadWhileTheRegistrationCommits() throws Exception {
        Map<String, Object> person = adult(today, 38, true, "UNEMPLOYED");
        String hash = hashOf((String) person.get("nationalId"));
        UUID theirMember = UUID.randomUUID();
        CompletableFuture<String> registering;
        try (Connection reading = dataSource.getConnection()) {
            reading.setAutoCommit(false);
            try (PreparedStatement lock = reading.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))");
                    PreparedStatement store = reading.prepareStatement("""
                            INSERT INTO identity_claim (hash_key_id, hash, deployment, district_code, member_id, held, stated_at)
                            VALUES ('k1', ?, ?, ?, ?, true, now())""")) {
                lock.setString(1, hash);
                lock.executeQuery().close();
                store.setString(1, hash);
                store.setString(2, SHENHE_DEPLOYMENT);
                store.setString(3, SHENHE);
                store.setObject(4, theirMember);
                store.executeUpdate();
            }
            registering = CompletableFuture.supplyAsync(() -> register(HEPING, household(HEPING, List.of(person))).statusCode(201)
                    .extract().asString());
            Awaitility.await("the registration waiting for the person's lock").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50)).until(() -> count("""
                            SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                            WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()
                            AND l.objid::bigint = (hashtext(?1)::bigint & 4294967295)""", hash) > 0);
            // What the claim's reading would match: nobody here yet.
            assertThat(count("SELECT count(*) FROM member WHERE national_id_hash = ?1", hash)).isZero();
            reading.commit();
        }

        String memberId = json(registering.get(30, TimeUnit.SECONDS)).at("/members/0/id").asText();
        String reviewId = awaitOpenReview(memberId);
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/duplicate-reviews/" + reviewId).then()
                .body("otherMemberId", equalTo(theirMember.toString())).body("otherDistrictCode", equalTo(SHENHE));
        assertThat(count("SELECT count(*) FROM audit_entry WHERE action = 'DUPLICATE_FOUND' AND entity_id = ?1 AND actor = ?2", reviewId,
                "test-caseworker-" + HEPING)).as("found by the registration, audited as its caseworker's").isEqualTo(1);
    }

    /**
     * A polled batch is applied set-based ({@link IdentityClaims#applyAll}) with the outcome of applying it one claim at a
     * time: the other district's claims on people registered here queue reviews (not for a household released to it),
     * and a person met twice in the batch — claimed, then released — ends with the release, after the claim's review.
     * This deployment's own claim, were it read back, changes nothing: it met the others when it was made.
     */
    @Test
    void shouldMatchABatchOfClaimsAsOneByOne() throws Exception {
        List<Map<String, Object>> people = List.of(adult(today, 31, true, "UNEMPLOYED"), adult(today, 32, true, "UNEMPLOYED"),
                adult(today, 33, true, "UNEMPLOYED"), adult(today, 34, true, "UNEMPLOYED"), adult(today, 37, true, "UNEMPLOYED"));
        List<UUID> members = new java.util.ArrayList<>();
        List<UUID> households = new java.util.ArrayList<>();
        List<String> hashes = new java.util.ArrayList<>();
        for (Map<String, Object> person : people) {
            JsonNode household = registered(household(HEPING, List.of(person)));
            households.add(UUID.fromString(household.get("id").asText()));
            members.add(UUID.fromString(household.at("/members/0/id").asText()));
            hashes.add(hashOf((String) person.get("nationalId")));
        }
        hashes.forEach(this::awaitPublished);
        String a = hashes.get(0), b = hashes.get(1), c = hashes.get(2), released = hashes.get(3), own = hashes.get(4);
        String elsewhere = hashOf((String) adult(today, 39, true, "UNEMPLOYED").get("nationalId"));
        UUID theirOwn = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            // The fourth household was released to Shenhe and is on its way there.
            em.createNativeQuery("""
                    INSERT INTO household_transfer (id, direction, status, district_code, from_deployment, from_district_code,
                        to_deployment, to_district_code, household_id, requested_on, requested_at, requested_by, member_count)
                    VALUES (?1, 'OUT', 'RELEASED', ?2, 'local', ?2, ?3, ?4, ?5, ?6, now(), 'test', 1)""")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, HEPING).setParameter(3, SHENHE_DEPLOYMENT)
                    .setParameter(4, SHENHE).setParameter(5, households.get(3)).setParameter(6, today).executeUpdate();
            // Shenhe's claim on the fifth person, stored here (as only a claim read before this deployment's was: it found
            // nobody then, and the registration met it as it committed — here the row is written behind its back).
            em.createNativeQuery("""
                    INSERT INTO identity_claim (hash_key_id, hash, deployment, district_code, member_id, held, stated_at)
                    VALUES ('k1', ?1, ?2, ?3, ?4, true, now())""").setParameter(1, own).setParameter(2, SHENHE_DEPLOYMENT)
                    .setParameter(3, SHENHE).setParameter(4, theirOwn).executeUpdate();
        });
        Map<String, UUID> theirs = Map.of(a, UUID.randomUUID(), b, UUID.randomUUID(), c, UUID.randomUUID(), released,
                UUID.randomUUID(), elsewhere, UUID.randomUUID());
        List<io.wanjia.commons.cloudevents.CloudEvent> batch = List.of(claimed(a, SHENHE_DEPLOYMENT, SHENHE, theirs.get(a)),
                claimed(b, SHENHE_DEPLOYMENT, SHENHE, theirs.get(b)), claimed(released, SHENHE_DEPLOYMENT, SHENHE, theirs.get(released)),
                claimed(elsewhere, SHENHE_DEPLOYMENT, SHENHE, theirs.get(elsewhere)), claimed(own, "local", HEPING, members.get(4)),
                claimed(c, SHENHE_DEPLOYMENT, SHENHE, theirs.get(c)),
                event(RELEASED, c, SHENHE_DEPLOYMENT, Map.of("hashKeyId", "k1", "hash", c, "deployment", SHENHE_DEPLOYMENT,
                        "districtCode", SHENHE, "memberId", theirs.get(c).toString(), "reason", "MEMBER_REMOVED")));

        QuarkusTransaction.requiringNew().call(() -> {
            claims.applyAll(batch);
            return null;
        });

        for (String held : List.of(a, b, released, elsewhere)) {
            assertThat(count("SELECT count(*) FROM identity_claim WHERE hash = ?1 AND deployment = ?2 AND held AND member_id = ?3", held,
                    SHENHE_DEPLOYMENT, theirs.get(held))).isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM identity_claim WHERE hash = ?1 AND deployment = ?2 AND NOT held", c, SHENHE_DEPLOYMENT))
                .isEqualTo(1);
        assertThat(reviews(members.get(0))).containsExactly("OPEN " + theirs.get(a));
        assertThat(reviews(members.get(1))).containsExactly("OPEN " + theirs.get(b));
        assertThat(reviews(members.get(2))).containsExactly("RESOLVED_ELSEWHERE " + theirs.get(c));
        assertThat(reviews(members.get(3))).isEmpty();
        assertThat(reviews(members.get(4))).as("our own claim read back").isEmpty();
        assertThat(count("SELECT count(*) FROM audit_entry WHERE action = 'DUPLICATE_FOUND' AND after->>'memberId' IN (?1, ?2, ?3, ?4, ?5)",
                members.get(0).toString(), members.get(1).toString(), members.get(2).toString(), members.get(3).toString(),
                members.get(4).toString())).isEqualTo(3);
    }

    @Test
    void shouldPublishTheClaimsOfMembersRegisteredBeforeClaimsExisted() {
        Map<String, Object> person = adult(today, 30, false, "UNEMPLOYED");
        String memberId = registered(household(HEPING, List.of(person))).at("/members/0/id").asText();
        claimTopic.await(r -> r.value().contains(memberId), 1);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE member SET claim_published = false WHERE id = ?1")
                .setParameter(1, UUID.fromString(memberId)).executeUpdate());

        claims.publishMissingClaims(); // or the scheduled pass, if it came first

        assertThat(claimTopic.await(r -> r.value().contains(memberId), 2)).hasSize(2);
        assertThat(count("SELECT count(*) FROM member WHERE id = ?1 AND claim_published", UUID.fromString(memberId))).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterAClaimWhoseKeyIsNotItsDataAndGoOn() {
        Map<String, Object> person = adult(today, 36, true, "UNEMPLOYED");
        String hash = hashOf((String) person.get("nationalId"));
        try (KafkaTestClient.Watch deadLetters = kafka.watch(Topics.deadLetter(Topics.IDENTITY_CLAIMS))) {
            Map<String, String> headers = Fixtures.reportHeaders(UUID.randomUUID().toString(), CLAIMED);
            // Keyed as another person: compaction would keep it in that person's place.
            kafka.send(Topics.IDENTITY_CLAIMS, IdentityClaimed.key("k1", "0".repeat(64), SHENHE_DEPLOYMENT), headers, Fixtures.write(Map.of(
                    "hashKeyId", "k1", "hash", hash, "deployment", SHENHE_DEPLOYMENT, "districtCode", SHENHE, "memberId",
                    UUID.randomUUID().toString())));

            ConsumerRecord<String, String> dead = deadLetters.await(r -> headers.get("ce_id").equals(KafkaTestClient.header(r, "ce_id")), 1)
                    .get(0);

            assertThat(KafkaTestClient.header(dead, "dlq-reason")).contains("key");
        }
        assertThat(count("SELECT count(*) FROM identity_claim WHERE hash = ?1", hash)).isZero();
        register(HEPING, household(HEPING, List.of(person))).statusCode(201);
    }

    private io.restassured.response.ValidatableResponse resolve(String reviewId, String role, Map<String, String> body) {
        return given().header("Authorization", Tokens.bearer(role, HEPING)).contentType("application/json").body(body)
                .post("/api/v1/duplicate-reviews/" + reviewId + "/resolution").then();
    }

    private String awaitOpenReview(String memberId) {
        return Awaitility.await("a duplicate review of member " + memberId).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode page = json(given().header("Authorization", Tokens.bearer("caseworker", HEPING))
                            .get("/api/v1/duplicate-reviews?status=OPEN&size=500").then().statusCode(200).extract().asString());
                    for (JsonNode item : page.get("items")) {
                        if (memberId.equals(item.get("memberId").asText())) {
                            return item.get("id").asText();
                        }
                    }
                    return null;
                }, java.util.Objects::nonNull);
    }

    /** Waits until this deployment's claim on the person is on the city's topic. */
    private void awaitPublished(String hash) {
        claimTopic.await(r -> r.key().equals(IdentityClaimed.key("k1", hash, "local")), 1);
    }

    private void awaitClaim(String hash, String deployment, boolean held) {
        Awaitility.await("the claim of " + deployment + " read").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> count("SELECT count(*) FROM identity_claim WHERE hash = ?1 AND deployment = ?2 AND held = " + held, hash,
                        deployment) == 1);
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

    private void sendClaim(String type, String hash, String deployment, String district, UUID member) {
        if (RELEASED.equals(type)) {
            sendReleased(hash, deployment, district, member, "MEMBER_REMOVED");
            return;
        }
        send(CLAIMED, hash, deployment, Fixtures.write(Map.of("hashKeyId", "k1", "hash", hash, "deployment", deployment,
                "districtCode", district, "memberId", member.toString())));
    }

    private void sendReleased(String hash, String deployment, String district, UUID member, String reason) {
        send(RELEASED, hash, deployment, Fixtures.write(Map.of("hashKeyId", "k1", "hash", hash, "deployment", deployment,
                "districtCode", district, "memberId", member.toString(), "reason", reason)));
    }

    private void send(String type, String hash, String deployment, String value) {
        Map<String, String> headers = Fixtures.reportHeaders(UUID.randomUUID().toString(), type);
        headers.put("ce_source", "/wanjia/household-service");
        headers.put("ce_time", Instant.now().toString());
        kafka.send(Topics.IDENTITY_CLAIMS, IdentityClaimed.key("k1", hash, deployment), headers, value);
    }

    /** A member's reviews here, as "status otherMemberId". */
    @SuppressWarnings("unchecked")
    private List<String> reviews(UUID member) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT status || ' ' || other_member_id FROM duplicate_review WHERE member_id = ?1").setParameter(1, member).getResultList());
    }

    private io.wanjia.commons.cloudevents.CloudEvent claimed(String hash, String deployment, String district, UUID member) {
        return event(CLAIMED, hash, deployment, Map.of("hashKeyId", "k1", "hash", hash, "deployment", deployment, "districtCode",
                district, "memberId", member.toString()));
    }

    private io.wanjia.commons.cloudevents.CloudEvent event(String type, String hash, String deployment, Map<String, String> data) {
        return new io.wanjia.commons.cloudevents.CloudEvent(UUID.randomUUID().toString(), type, "/wanjia/household-service",
                Instant.now(), IdentityClaimed.key("k1", hash, deployment), json(Fixtures.write(data)));
    }

    private String hashOf(String nationalId) {
        return vault.hash(NationalId.parse(nationalId));
    }
}
