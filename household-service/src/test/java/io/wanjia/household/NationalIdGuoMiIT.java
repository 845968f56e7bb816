package io.wanjia.household;

import static io.restassured.RestAssured.given;
import static io.wanjia.household.Fixtures.HEPING;
import static io.wanjia.household.Fixtures.adult;
import static io.wanjia.household.Fixtures.household;
import static io.wanjia.household.Fixtures.register;
import static io.wanjia.household.Fixtures.registered;
import static io.wanjia.household.Fixtures.stableEmployment;
import static io.wanjia.household.Fixtures.unemployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.household.crypto.NationalIdCipher;
import io.wanjia.household.crypto.NationalIdCipher.KeyedHash;
import io.wanjia.household.crypto.NationalIdCipher.Sealed;
import io.wanjia.household.crypto.NationalIdKeyRing;
import io.wanjia.household.crypto.NationalIdSuite;
import io.wanjia.household.domain.NationalId;
import io.wanjia.household.service.NationalIdVault;

/**
 * A deployment on the 国密 suite: national IDs sealed with SM4-GCM and hashed with HMAC-SM3 (checked here with
 * BouncyCastle directly, not through the service's code), found by full ID, and rows of the earlier AES key moved over.
 */
@QuarkusTest
@TestProfile(NationalIdGuoMiIT.GuoMi.class)
class NationalIdGuoMiIT extends WatchingHouseholdEvents {

    /** Fixed, non-secret test keys: 16 bytes for SM4, 32 for HMAC-SM3. */
    static final String SM4_KEY = "Z3VvbWktdGVzdC1zbTQtaw==";
    static final String SM3_HASH_KEY = "Z3VvbWktdGVzdC1obWFjLXNtMy1sb29rdXAta2V5LTE=";
    private static final String EMPLOYED = "wanjia.labour.employment-reported.v1";
    private static final String UNEMPLOYED = "wanjia.labour.unemployment-reported.v1";

    /** SM4_GCM_HMAC_SM3 with key g1 active; the %test AES keys stay on the ring as k1, in their own suite. */
    public static class GuoMi implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "wanjia.household.national-id.suite", "SM4_GCM_HMAC_SM3",
                    "wanjia.household.national-id.keys.\"k1\".suite", "AES_GCM_HMAC_SHA256",
                    "wanjia.household.national-id.keys.\"g1\".encryption-key", SM4_KEY,
                    "wanjia.household.national-id.keys.\"g1\".hash-key", SM3_HASH_KEY,
                    "wanjia.household.national-id.active-encryption-key", "g1",
                    "wanjia.household.national-id.active-hash-key", "g1");
        }
    }

    @Inject
    EntityManager em;
    @Inject
    NationalIdVault vault;

    @Test
    void shouldSealWithSm4HashWithSm3AndFindTheMemberByFullId() throws InvalidCipherTextException {
        Map<String, Object> member = adult(today, 45, true, "UNEMPLOYED");
        String nationalId = (String) member.get("nationalId");
        String household = registered(household(HEPING, List.of(member))).get("id").asText();

        Object[] row = memberRow(nationalId);
        assertThat(row[1]).isEqualTo("g1");
        assertThat(row[4]).isEqualTo("g1");
        assertThat(sm4GcmOpen((byte[]) row[2])).isEqualTo(nationalId);
        assertThat(row[3]).isEqualTo(hmacSm3(nationalId));

        register(HEPING, household(HEPING, List.of(member))).statusCode(409).body("detail", containsString(household));
        Fixtures.reportByHttp(HEPING, EMPLOYED, stableEmployment(nationalId, today));
        given().header("Authorization", Tokens.bearer("caseworker", HEPING)).get("/api/v1/households/{id}", household)
                .then().statusCode(200).body("status", equalTo("NOT_ZERO_EMPLOYMENT"));
    }

    @Test
    void shouldKeepAWaitingReportUnderSm4AndApplyItOnRegistration() throws InvalidCipherTextException {
        Map<String, Object> member = adult(today, 36, false, "EMPLOYED_STABLE");
        member.put("statusSince", today.minusDays(400).toString());
        String nationalId = (String) member.get("nationalId");
        String eventId = Fixtures.reportByHttp(HEPING, UNEMPLOYED, unemployment(nationalId, today.minusDays(2)));

        Object[] waiting = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT national_id_key, national_id_cipher, national_id_hash FROM unmatched_report WHERE event_id = :event")
                .setParameter("event", eventId).getSingleResult());
        assertThat(waiting[0]).isEqualTo("g1");
        assertThat(sm4GcmOpen((byte[]) waiting[1])).isEqualTo(nationalId);
        assertThat(waiting[2]).isEqualTo(hmacSm3(nationalId));

        JsonNode household = registered(household(HEPING, List.of(member)));
        assertThat(household.get("status").asText()).isEqualTo("ZERO_EMPLOYMENT");
    }

    @Test
    void shouldMoveARowOfTheEarlierAesKeyToSm4() throws InvalidCipherTextException {
        Map<String, Object> member = adult(today, 52, false, "UNEMPLOYED");
        String nationalId = (String) member.get("nationalId");
        String household = registered(household(HEPING, List.of(member))).get("id").asText();
        UUID memberId = (UUID) memberRow(nationalId)[0];
        NationalId id = NationalId.parse(nationalId);
        Sealed aes = k1().seal(id);
        KeyedHash aesHash = k1().hash(id);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE member SET national_id_cipher = :cipher, national_id_key = 'k1', national_id_hash = :hash,
                    national_id_hash_key = 'k1' WHERE id = :id""")
                .setParameter("cipher", aes.bytes()).setParameter("hash", aesHash.hex()).setParameter("id", memberId).executeUpdate());

        register(HEPING, household(HEPING, List.of(member))).statusCode(409).body("detail", containsString(household));
        given().header("Authorization", Tokens.bearer("admin", HEPING)).post("/api/v1/admin/national-id-keys/rekey")
                .then().statusCode(200).body("rekeyedMembers", equalTo(1)).body("done", equalTo(true));

        Object[] row = memberRow(nationalId);
        assertThat(row[1]).isEqualTo("g1");
        assertThat(sm4GcmOpen((byte[]) row[2])).isEqualTo(nationalId);
        assertThat(row[3]).isEqualTo(hmacSm3(nationalId));
    }

    /** The member row of a national ID: id, key, cipher, hash, hash key. */
    private Object[] memberRow(String nationalId) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                SELECT id, national_id_key, national_id_cipher, national_id_hash, national_id_hash_key FROM member
                WHERE national_id_hash IN (:hashes)""").setParameter("hashes", vault.hashes(NationalId.parse(nationalId))).getSingleResult());
    }

    /** The %test AES keys as key k1, as the deployment had them before it moved to SM4. */
    private static NationalIdCipher k1() {
        Config config = ConfigProvider.getConfig();
        return new NationalIdCipher(NationalIdKeyRing.builder(NationalIdSuite.AES_GCM_HMAC_SHA256)
                .encryptionKey("k1", null, config.getValue("wanjia.household.national-id.encryption-key", String.class))
                .hashKey("k1", null, config.getValue("wanjia.household.national-id.hash-key", String.class)).build("k1", "k1"));
    }

    /** SM4-GCM as RFC 8998 has it, straight from BouncyCastle: {@code iv (12) || ciphertext || tag (16)}. */
    private static String sm4GcmOpen(byte[] stored) throws InvalidCipherTextException {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
        gcm.init(false, new AEADParameters(new KeyParameter(Base64.getDecoder().decode(SM4_KEY)), 128, Arrays.copyOf(stored, 12)));
        byte[] plain = new byte[gcm.getOutputSize(stored.length - 12)];
        int length = gcm.processBytes(stored, 12, stored.length - 12, plain, 0);
        length += gcm.doFinal(plain, length);
        return new String(plain, 0, length, StandardCharsets.US_ASCII);
    }

    /** HMAC-SM3 straight from BouncyCastle, in lower-case hex. */
    private static String hmacSm3(String nationalId) {
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(Base64.getDecoder().decode(SM3_HASH_KEY)));
        byte[] data = nationalId.getBytes(StandardCharsets.US_ASCII);
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
