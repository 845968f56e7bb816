package io.wanjia.household.crypto;

import static io.wanjia.household.crypto.NationalIdKeyRingTest.AES_KEY;
import static io.wanjia.household.crypto.NationalIdKeyRingTest.HASH_KEY;
import static io.wanjia.household.crypto.NationalIdKeyRingTest.SM4_KEY;
import static io.wanjia.household.crypto.NationalIdKeyRingTest.base64;
import static io.wanjia.household.crypto.NationalIdSuite.AES_GCM_HMAC_SHA256;
import static io.wanjia.household.crypto.NationalIdSuite.SM4_GCM_HMAC_SM3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.wanjia.household.crypto.NationalIdCipher.KeyedHash;
import io.wanjia.household.crypto.NationalIdCipher.Sealed;
import io.wanjia.household.crypto.NationalIdCipher.UnreadableNationalIdException;
import io.wanjia.household.domain.NationalId;
import io.wanjia.household.domain.NationalIds;

/** National IDs through a key ring: each result names its key, rotation keeps old rows readable and findable, nothing leaks. */
class NationalIdCipherTest {

    private static final NationalId ID = NationalId.parse(NationalIds.of(LocalDate.of(1975, 3, 14), true));
    private static final String K2_KEY = base64(40, 32);
    private static final String K2_HASH_KEY = base64(80, 32);

    /** The ring every deployment had before rotation: the two original variables as key k1. */
    private static NationalIdCipher k1() {
        return new NationalIdCipher(NationalIdKeyRing.builder(AES_GCM_HMAC_SHA256)
                .encryptionKey("k1", null, AES_KEY).hashKey("k1", null, HASH_KEY).build("k1", "k1"));
    }

    /** k2 active, k1 still on the ring. */
    private static NationalIdCipher k1AndK2() {
        return new NationalIdCipher(NationalIdKeyRing.builder(AES_GCM_HMAC_SHA256)
                .encryptionKey("k1", null, AES_KEY).hashKey("k1", null, HASH_KEY)
                .encryptionKey("k2", null, K2_KEY).hashKey("k2", null, K2_HASH_KEY).build("k2", "k2"));
    }

    /** k1 dropped. */
    private static NationalIdCipher k2() {
        return new NationalIdCipher(NationalIdKeyRing.builder(AES_GCM_HMAC_SHA256)
                .encryptionKey("k2", null, K2_KEY).hashKey("k2", null, K2_HASH_KEY).build("k2", "k2"));
    }

    @Test
    void shouldOpenAndFindWhatTheVaultStoredBeforeKeyIds() throws Exception {
        // Today's rows, made here the way NationalIdVault made them before suites: AES/GCM/NoPadding with a 12-byte IV
        // in front, and HMAC-SHA256 in lower-case hex, both from the JDK.
        byte[] iv = new byte[12];
        iv[0] = 42;
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(AES_KEY), "AES"), new GCMParameterSpec(128, iv));
        byte[] sealed = aes.doFinal(ID.value().getBytes(StandardCharsets.US_ASCII));
        byte[] stored = ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(HASH_KEY), "HmacSHA256"));
        String hash = HexFormat.of().formatHex(mac.doFinal(ID.value().getBytes(StandardCharsets.US_ASCII)));

        assertThat(k1().open("k1", stored).value()).isEqualTo(ID.value());
        assertThat(k1().hash(ID)).isEqualTo(new KeyedHash("k1", hash));
    }

    @Test
    void shouldNameTheActiveKeysInWhatItStores() {
        Sealed sealed = k1AndK2().seal(ID);

        assertThat(sealed.keyId()).isEqualTo("k2");
        assertThat(k1AndK2().open("k2", sealed.bytes()).value()).isEqualTo(ID.value());
        assertThat(k1AndK2().hash(ID).keyId()).isEqualTo("k2");
    }

    @Test
    void shouldStillOpenAndFindARowOfTheOldKeyAfterTheActiveKeyChanged() {
        Sealed old = k1().seal(ID);
        KeyedHash oldHash = k1().hash(ID);

        NationalIdCipher rotated = k1AndK2();

        assertThat(rotated.open(old.keyId(), old.bytes()).value()).isEqualTo(ID.value());
        assertThat(rotated.open(old.bytes()).value()).as("key id not at hand: the ring is tried").isEqualTo(ID.value());
        assertThat(rotated.hashes(ID)).as("a lookup matches the new hash first, then the old row's")
                .containsExactly(rotated.hash(ID), oldHash);
        assertThat(rotated.hash(ID)).isNotEqualTo(oldHash);
    }

    @Test
    void shouldLetTheOldKeyGoOnceARowIsRekeyed() {
        Sealed old = k1().seal(ID);
        NationalIdCipher rotated = k1AndK2();
        Sealed rekeyed = rotated.seal(rotated.open(old.keyId(), old.bytes()));

        assertThat(k2().open(rekeyed.keyId(), rekeyed.bytes()).value()).isEqualTo(ID.value());
        assertThat(k2().hashes(ID)).containsExactly(rotated.hash(ID));
        assertThatThrownBy(() -> k2().open(old.keyId(), old.bytes()))
                .as("a row nobody re-keyed is refused by name once its key is gone")
                .isInstanceOf(UnreadableNationalIdException.class).hasMessageContaining("\"k1\"").hasMessageContaining("no longer on the ring");
        assertThatThrownBy(() -> k2().open(old.bytes())).isInstanceOf(UnreadableNationalIdException.class);
    }

    @ParameterizedTest
    @EnumSource(NationalIdSuite.class)
    void shouldRefuseAnAlteredRowWithoutShowingTheNumber(NationalIdSuite suite) {
        NationalIdCipher cipher = single(suite);
        Sealed sealed = cipher.seal(ID);
        byte[] altered = sealed.bytes().clone();
        altered[altered.length - 20] ^= 0x40;

        assertThatThrownBy(() -> cipher.open(sealed.keyId(), altered)).isInstanceOf(UnreadableNationalIdException.class)
                .hasMessageContaining("does not open under key \"k1\"")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(ID.value(), ID.value().substring(6, 14)));
    }

    @Test
    void shouldRefuseAWrongKeyUnderTheRightId() {
        Sealed sealed = k1().seal(ID);
        NationalIdCipher impostor = new NationalIdCipher(NationalIdKeyRing.builder(AES_GCM_HMAC_SHA256)
                .encryptionKey("k1", null, K2_KEY).hashKey("k1", null, HASH_KEY).build("k1", "k1"));

        assertThatThrownBy(() -> impostor.open("k1", sealed.bytes())).isInstanceOf(UnreadableNationalIdException.class);
    }

    @Test
    void shouldMoveADeploymentFromAesToSm4() throws Exception {
        Sealed aes = k1().seal(ID);
        NationalIdCipher moving = new NationalIdCipher(NationalIdKeyRing.builder(SM4_GCM_HMAC_SM3)
                .encryptionKey("k1", AES_GCM_HMAC_SHA256, AES_KEY).hashKey("k1", AES_GCM_HMAC_SHA256, HASH_KEY)
                .encryptionKey("g1", null, SM4_KEY).hashKey("g1", null, K2_HASH_KEY).build("g1", "g1"));

        Sealed sm4 = moving.seal(moving.open(aes.keyId(), aes.bytes()));

        assertThat(sm4.keyId()).isEqualTo("g1");
        assertThat(SM4_GCM_HMAC_SM3.open(Base64.getDecoder().decode(SM4_KEY), sm4.bytes()))
                .isEqualTo(ID.value().getBytes(StandardCharsets.US_ASCII));
        assertThat(moving.hashes(ID)).containsExactly(
                new KeyedHash("g1", HexFormat.of().formatHex(SM4_GCM_HMAC_SM3.mac(Base64.getDecoder().decode(K2_HASH_KEY), ID.value().getBytes(StandardCharsets.US_ASCII)))),
                k1().hash(ID));
    }

    private static NationalIdCipher single(NationalIdSuite suite) {
        return new NationalIdCipher(NationalIdKeyRing.builder(suite)
                .encryptionKey("k1", null, suite == SM4_GCM_HMAC_SM3 ? SM4_KEY : AES_KEY).hashKey("k1", null, HASH_KEY).build("k1", "k1"));
    }
}
