package io.wanjia.household;

import static io.restassured.RestAssured.given;
import static io.wanjia.household.Fixtures.HEPING;
import static io.wanjia.household.Fixtures.adult;
import static io.wanjia.household.Fixtures.household;
import static io.wanjia.household.Fixtures.register;
import static io.wanjia.household.Fixtures.registered;
import static io.wanjia.household.Fixtures.reportHeaders;
import static io.wanjia.household.Fixtures.stableEmployment;
import static io.wanjia.household.Fixtures.unemployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Polled;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.identity.IdentityClaimed;
import io.wanjia.household.crypto.NationalIdCipher;
import io.wanjia.household.crypto.NationalIdCipher.KeyedHash;
import io.wanjia.household.crypto.NationalIdCipher.Sealed;
import io.wanjia.household.crypto.NationalIdKeyRing;
import io.wanjia.household.crypto.NationalIdSuite;
import io.wanjia.household.domain.NationalId;
import io.wanjia.household.domain.NationalIds;
import io.wanjia.household.messaging.LabourReportConsumer;
import io.wanjia.household.service.NationalIdVault;

/**
 * Key rotation on the real database, with the service halfway through it: k2 active, k1 (the keys every test deployment
 * had) still on the ring. Rows sealed and hashed under k1 are still found by full ID and opened; the re-keying moves
 * every row of an area to k2, after which a ring without k1 reads them all.
 */
@QuarkusTest
@TestProfile(NationalIdRotationIT.RotatedKeys.class)
class NationalIdRotationIT extends WatchingHouseholdEvents {

    /** Fixed, non-secret test keys for k2. */
    static final String K2_ENCRYPTION_KEY = "cm90YXRpb24tdGVzdC1rMi1lbmNyeXB0aW9uLWtleSE=";
    static final String K2_HASH_KEY = "cm90YXRpb24tdGVzdC1rMi1sb29rdXAtaGFzaC1rZXk=";
    private static final String SHENHE = "210103";
    /** 大连 中山区 / 西岗区: districts of another city, so the re-keying of one test never reaches another's rows. */
    private static final String ZHONGSHAN = "210202";
    private static final String XIGANG = "210203";
    private static final String UNEMPLOYED = "wanjia.labour.unemployment-reported.v1";
    private static final String EMPLOYED = "wanjia.labour.employment-reported.v1";

    /** k2 active, k1 from the %test keys still on the ring. */
    public static class RotatedKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "wanjia.household.national-id.keys.\"k2\".encryption-key", K2_ENCRYPTION_KEY,
                    "wanjia.household.national-id.keys.\"k2\".hash-key", K2_HASH_KEY,
                    "wanjia.household.national-id.active-encryption-key", "k2",
                    "wanjia.household.national-id.active-hash-key", "k2");
        }
    }

    @Inject
    EntityManager em;
    @Inject
    NationalIdVault vault;
    @Inject
    LabourReportConsumer consumer;
    @Inject
    AuditTrail audit;

    @Test
    void shouldFindRowsOfTheOldKeyThenMoveEveryRowOfTheAreaToTheNewKey() {
        // Heping as it was written while k1 was active: two households and a report that waits for nobody registered.
        Map<String, Object> a1 = adult(today, 45, true, "UNEMPLOYED");
        Map<String, Object> a2 = adult(today, 41, false, "UNEMPLOYED");
        String a = registered(household(HEPING, List.of(a1, a2))).get("id").asText();
        Map<String, Object> b1 = adult(today, 50, true, "UNEMPLOYED");
        String b = registered(household(HEPING, List.of(b1))).get("id").asText();
        Map<String, Object> w1 = adult(today, 33, false, "EMPLOYED_STABLE");
        w1.put("statusSince", today.minusDays(400).toString());
        String stranger = NationalIds.of(today.minusYears(29), true);
        String waitsForW1 = Fixtures.reportByHttp(HEPING, UNEMPLOYED, unemployment(id(w1), today.minusDays(3)));
        String waitsForStranger = Fixtures.reportByHttp(HEPING, UNEMPLOYED, unemployment(stranger, today.minusDays(2)));
        List.of(a1, a2, b1).forEach(m -> rewriteUnderK1(id(m)));
        rewriteReportUnderK1(waitsForW1, id(w1));
        rewriteReportUnderK1(waitsForStranger, stranger);
        assertThat(keysOfMember(id(a1))).containsExactly("k1", "k1");

        // Found by full ID while k2 is active: a second registration is refused naming the household...
        register(HEPING, household(HEPING, List.of(a1))).statusCode(409).body("field", equalTo("members[0].nationalId"))
                .body("detail", containsString(a));
        // ...a report reaches its member over HTTP and in a polled Kafka batch...
        Fixtures.reportByHttp(HEPING, EMPLOYED, stableEmployment(id(a1), today));
        consumer.consume(new Polled(Topics.LABOUR_STATUS_REPORTS)
                .add(id(b1), reportHeaders(UUID.randomUUID().toString(), EMPLOYED), stableEmployment(id(b1), today)).records());
        caseworker(a).body("status", equalTo("NOT_ZERO_EMPLOYMENT"));
        caseworker(b).body("status", equalTo("NOT_ZERO_EMPLOYMENT"));
        // ...a report kept under k1 applies when its person is registered...
        JsonNode w = registered(household(HEPING, List.of(w1)));
        assertThat(w.get("status").asText()).isEqualTo("ZERO_EMPLOYMENT");
        assertThat(unmatchedReport(waitsForW1)).as("applied and gone").isEmpty();
        // ...and the service opens the old rows.
        Object[] row = member(id(a1));
        assertThat(row[1]).isEqualTo("k1");
        assertThat(vault.decrypt("k1", (byte[]) row[2]).value()).isEqualTo(id(a1));

        // An admin of another district moves nothing of Heping; an admin of Heping moves all of it.
        admin(SHENHE).post("/api/v1/admin/national-id-keys/rekey").then().statusCode(200);
        assertThat(keysOfMember(id(a1))).containsExactly("k1", "k1");
        admin(HEPING).get("/api/v1/admin/national-id-keys").then().statusCode(200)
                .body("encryptionKeys.find { it.keyId == 'k1' }.members", equalTo(3))
                .body("encryptionKeys.find { it.keyId == 'k1' }.unmatchedReports", equalTo(1))
                .body("encryptionKeys.find { it.keyId == 'k2' }.active", equalTo(true));

        KafkaTestClient.Watch claims = kafka.watch(Topics.IDENTITY_CLAIMS);
        admin(HEPING).queryParam("limit", 2).post("/api/v1/admin/national-id-keys/rekey").then().statusCode(200)
                .body("rekeyedMembers", equalTo(3)).body("remainingUnmatchedReports", equalTo(1)).body("done", equalTo(false));
        admin(HEPING).post("/api/v1/admin/national-id-keys/rekey").then().statusCode(200)
                .body("encryptionKey", equalTo("k2")).body("hashKey", equalTo("k2"))
                .body("rekeyedMembers", equalTo(0)).body("rekeyedUnmatchedReports", equalTo(1)).body("skipped.size()", equalTo(0))
                .body("remainingMembers", equalTo(0)).body("remainingUnmatchedReports", equalTo(0)).body("done", equalTo(true));

        assertThat(staleRows(HEPING)).as("rows of Heping not under k2").isZero();
        assertThat(member(id(a1))[3]).isEqualTo(vault.hash(NationalId.parse(id(a1))));
        // The city's claims follow: each member re-keyed releases its claim under k1 and claims again under k2.
        String newHash = vault.hash(NationalId.parse(id(a1)));
        var claimed = claims.await(r -> r.key().equals(IdentityClaimed.key("k2", newHash, "local")), 1).get(0);
        String memberId = Fixtures.json(claimed.value()).get("memberId").asText();
        var released = claims.await(r -> "wanjia.identity.released.v1".equals(KafkaTestClient.header(r, "ce_type"))
                && r.value().contains(memberId), 1).get(0);
        assertThat(released.key()).startsWith("k1:").endsWith("@local").doesNotContain(newHash);
        assertThat(Fixtures.json(released.value()).get("reason").asText()).isEqualTo("REKEYED");
        claims.close();
        admin(HEPING).get("/api/v1/admin/national-id-keys").then().statusCode(200)
                .body("encryptionKeys.find { it.keyId == 'k1' }.members", equalTo(0))
                .body("hashKeys.find { it.keyId == 'k1' }.unmatchedReports", equalTo(0));
        assertThat(audit.history("national-id-keys", HEPING)).extracting(e -> e.actor(), e -> e.action(), e -> e.after().path("rekeyedMembers").asInt())
                .contains(tuple("test-admin-" + HEPING, "REKEY_STARTED", 0), tuple("test-admin-" + HEPING, "REKEY", 3));

        // k1 can leave the ring: a ring of k2 alone opens every row and finds every person.
        NationalIdCipher k2Only = cipher(Map.of("k2", K2_ENCRYPTION_KEY), Map.of("k2", K2_HASH_KEY), "k2");
        for (Map<String, Object> m : List.of(a1, a2, b1, w1)) {
            Object[] stored = member(id(m));
            assertThat(k2Only.open((String) stored[1], (byte[]) stored[2]).value()).isEqualTo(id(m));
            assertThat(k2Only.hashes(NationalId.parse(id(m)))).extracting(KeyedHash::hex).containsExactly((String) stored[3]);
        }
        Object[] report = unmatchedReport(waitsForStranger).orElseThrow();
        assertThat(k2Only.open((String) report[0], (byte[]) report[1]).value()).isEqualTo(stranger);
    }

    @Test
    void shouldLeaveTheSamePersonRegisteredTwiceForACaseWorkerInsteadOfBreakingTheUniqueHash() {
        // Q registered under k2; R's row rewritten to hold Q under k1, as a pod without k2 on its ring would have let in.
        Map<String, Object> q = adult(today, 40, true, "UNEMPLOYED");
        registeredIn(ZHONGSHAN, List.of(q));
        Map<String, Object> r = adult(today, 38, false, "UNEMPLOYED");
        String d = registeredIn(ZHONGSHAN, List.of(r, adult(today, 36, true, "UNEMPLOYED")));
        UUID duplicate = (UUID) member(id(r))[0];
        UUID original = (UUID) member(id(q))[0];
        String qUnderK2 = (String) member(id(q))[3];
        sealUnderK1(duplicate, id(q));

        admin(ZHONGSHAN).post("/api/v1/admin/national-id-keys/rekey").then().statusCode(200)
                .body("rekeyedMembers", equalTo(0))
                .body("skipped[0].table", equalTo("member")).body("skipped[0].id", equalTo(duplicate.toString()))
                .body("skipped[0].reason", equalTo("DUPLICATE_HASH"))
                .body("remainingMembers", equalTo(1)).body("done", equalTo(false))
                .body(containsString("\"rekeyedMembers\":0,\"rekeyedUnmatchedReports\":0")); // where the README's loop stops
        assertThat(memberById(duplicate)[1]).as("left under k1").isEqualTo("k1");
        assertThat(memberById(original)[3]).as("the other row untouched").isEqualTo(qUnderK2);

        given().header("Authorization", Tokens.bearer("caseworker", ZHONGSHAN))
                .delete("/api/v1/households/{id}/members/{member}", d, duplicate).then().statusCode(200);
        admin(ZHONGSHAN).post("/api/v1/admin/national-id-keys/rekey").then().statusCode(200)
                .body("remainingMembers", equalTo(0)).body("done", equalTo(true));
    }

    @Test
    void shouldPassOverAHouseholdALiveWriterHoldsAndTakeItOnTheNextCall() throws Exception {
        Map<String, Object> e1 = adult(today, 44, true, "UNEMPLOYED");
        String e = registeredIn(XIGANG, List.of(e1));
        rewriteUnderK1(id(e1));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("SELECT id FROM household WHERE id = :id FOR UPDATE").setParameter("id", UUID.fromString(e)).getResultList();
            held.countDown();
            awaitQuietly(release);
        }));
        try {
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

            admin(XIGANG).post("/api/v1/admin/national-id-keys/rekey").then().statusCode(200)
                    .body("rekeyedMembers", equalTo(0)).body("remainingMembers", equalTo(1)).body("done", equalTo(false));
            assertThat(keysOfMember(id(e1))).containsExactly("k1", "k1");
        } finally {
            release.countDown();
            writer.get(30, TimeUnit.SECONDS);
        }
        admin(XIGANG).post("/api/v1/admin/national-id-keys/rekey").then().statusCode(200)
                .body("rekeyedMembers", equalTo(1)).body("done", equalTo(true));
        assertThat(keysOfMember(id(e1))).containsExactly("k2", "k2");
    }

    @Test
    void shouldKeepTheKeysToAdmins() {
        given().post("/api/v1/admin/national-id-keys/rekey").then().statusCode(401);
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).post("/api/v1/admin/national-id-keys/rekey")
                .then().statusCode(403);
        given().header("Authorization", Tokens.bearer("supervisor", HEPING)).get("/api/v1/admin/national-id-keys").then().statusCode(403);
        admin(HEPING).queryParam("limit", 0).post("/api/v1/admin/national-id-keys/rekey").then().statusCode(400);
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    private static String id(Map<String, Object> member) {
        return (String) member.get("nationalId");
    }

    /** Registers a household in {@code district} as a case worker of that district; returns its id. */
    private static String registeredIn(String district, List<Map<String, Object>> members) {
        return register(district, household(district, members)).statusCode(201).extract().path("id");
    }

    private static RequestSpecification admin(String area) {
        return given().header("Authorization", Tokens.bearer("admin", area));
    }

    private static ValidatableResponse caseworker(String household) {
        return given().header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/households/{id}", household)
                .then().statusCode(200);
    }

    /** The ring the service had before the rotation: k1 from the %test keys. */
    private static NationalIdCipher k1() {
        Config config = ConfigProvider.getConfig();
        return cipher(Map.of("k1", config.getValue("wanjia.household.national-id.encryption-key", String.class)),
                Map.of("k1", config.getValue("wanjia.household.national-id.hash-key", String.class)), "k1");
    }

    private static NationalIdCipher cipher(Map<String, String> encryptionKeys, Map<String, String> hashKeys, String active) {
        NationalIdKeyRing.Builder ring = NationalIdKeyRing.builder(NationalIdSuite.AES_GCM_HMAC_SHA256);
        encryptionKeys.forEach((id, key) -> ring.encryptionKey(id, null, key));
        hashKeys.forEach((id, key) -> ring.hashKey(id, null, key));
        return new NationalIdCipher(ring.build(active, active));
    }

    /** The member row of a national ID (found under any key of the service's ring): id, key, cipher, hash, hash key. */
    private Object[] member(String nationalId) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                SELECT id, national_id_key, national_id_cipher, national_id_hash, national_id_hash_key FROM member
                WHERE national_id_hash IN (:hashes)""").setParameter("hashes", vault.hashes(NationalId.parse(nationalId))).getSingleResult());
    }

    private Object[] memberById(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                SELECT id, national_id_key, national_id_cipher, national_id_hash, national_id_hash_key FROM member WHERE id = :id""")
                .setParameter("id", id).getSingleResult());
    }

    private List<String> keysOfMember(String nationalId) {
        Object[] row = member(nationalId);
        return List.of((String) row[1], (String) row[4]);
    }

    /** A member's row sealed and hashed again under k1, as it was stored before the rotation began. */
    private void rewriteUnderK1(String nationalId) {
        sealUnderK1((UUID) member(nationalId)[0], nationalId);
    }

    private void sealUnderK1(UUID member, String nationalId) {
        Sealed sealed = k1().seal(NationalId.parse(nationalId));
        KeyedHash hash = k1().hash(NationalId.parse(nationalId));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE member SET national_id_cipher = :cipher, national_id_key = :key, national_id_hash = :hash,
                    national_id_hash_key = :hashKey WHERE id = :id""")
                .setParameter("cipher", sealed.bytes()).setParameter("key", sealed.keyId()).setParameter("hash", hash.hex())
                .setParameter("hashKey", hash.keyId()).setParameter("id", member).executeUpdate());
    }

    private void rewriteReportUnderK1(String eventId, String nationalId) {
        Sealed sealed = k1().seal(NationalId.parse(nationalId));
        KeyedHash hash = k1().hash(NationalId.parse(nationalId));
        int rewritten = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                UPDATE unmatched_report SET national_id_cipher = :cipher, national_id_key = :key, national_id_hash = :hash,
                    national_id_hash_key = :hashKey WHERE event_id = :event""")
                .setParameter("cipher", sealed.bytes()).setParameter("key", sealed.keyId()).setParameter("hash", hash.hex())
                .setParameter("hashKey", hash.keyId()).setParameter("event", eventId).executeUpdate());
        assertThat(rewritten).as("the report was kept as unmatched").isEqualTo(1);
    }

    /** An unmatched report's key and cipher, if it is still kept. */
    private Optional<Object[]> unmatchedReport(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT national_id_key, national_id_cipher FROM unmatched_report WHERE event_id = :event")
                .setParameter("event", eventId).getResultList().stream().map(Object[].class::cast).findFirst());
    }

    /** Rows of an area (members of its households, its unmatched reports) not under both active keys. */
    private long staleRows(String area) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                SELECT (SELECT count(*) FROM member m JOIN household h ON h.id = m.household_id
                        WHERE h.district_code LIKE :area AND (m.national_id_key <> 'k2' OR m.national_id_hash_key <> 'k2'))
                     + (SELECT count(*) FROM unmatched_report
                        WHERE district_code LIKE :area AND (national_id_key <> 'k2' OR national_id_hash_key <> 'k2'))""")
                .setParameter("area", area + "%").getSingleResult()).longValue());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
