package io.wanjia.household.crypto;

import static io.wanjia.household.crypto.NationalIdSuite.AES_GCM_HMAC_SHA256;
import static io.wanjia.household.crypto.NationalIdSuite.SM4_GCM_HMAC_SM3;
import static io.wanjia.household.crypto.NationalIdSuiteTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.wanjia.household.crypto.NationalIdKeyRing.Builder;
import io.wanjia.household.crypto.NationalIdKeyRing.Key;

/** The key ring as an operator configures it: which keys are active, in what order lookups try them, and what is refused. */
class NationalIdKeyRingTest {

    static final String AES_KEY = base64(1, 32);
    static final String SM4_KEY = base64(2, 16);
    static final String HASH_KEY = base64(3, 32);

    @Test
    void shouldPutTheActiveKeysFirstAndKeepTheOlderOnes() {
        NationalIdKeyRing ring = NationalIdKeyRing.builder(AES_GCM_HMAC_SHA256)
                .encryptionKey("k1", null, AES_KEY).hashKey("k1", null, HASH_KEY)
                .encryptionKey("k2", null, base64(4, 32)).hashKey("k2", null, base64(5, 32))
                .build("k2", "k2");

        assertThat(ring.activeEncryptionKey().id()).isEqualTo("k2");
        assertThat(ring.activeHashKey().id()).isEqualTo("k2");
        assertThat(ring.encryptionKeys()).extracting(Key::id).containsExactly("k2", "k1");
        assertThat(ring.hashKeys()).extracting(Key::id).containsExactly("k2", "k1");
        assertThat(ring.encryptionKey("k1")).map(Key::bytes).contains(Base64.getDecoder().decode(AES_KEY));
        assertThat(ring.encryptionKey("k3")).isEmpty();
    }

    @Test
    void shouldRotateTheEncryptionKeyWithoutTheCitysHashKey() {
        NationalIdKeyRing ring = NationalIdKeyRing.builder(AES_GCM_HMAC_SHA256)
                .encryptionKey("k1", null, AES_KEY).hashKey("k1", null, HASH_KEY).encryptionKey("k2", null, base64(4, 32))
                .build("k2", "k1");

        assertThat(ring.activeEncryptionKey().id()).isEqualTo("k2");
        assertThat(ring.hashKeys()).extracting(Key::id).containsExactly("k1");
    }

    @Test
    void shouldKeepAnOldKeyInItsOwnSuiteAfterTheDeploymentMovesToSm4() {
        NationalIdKeyRing ring = NationalIdKeyRing.builder(SM4_GCM_HMAC_SM3)
                .encryptionKey("k1", AES_GCM_HMAC_SHA256, AES_KEY).hashKey("k1", AES_GCM_HMAC_SHA256, HASH_KEY)
                .encryptionKey("g1", null, SM4_KEY).hashKey("g1", null, base64(6, 32))
                .build("g1", "g1");

        assertThat(ring.encryptionKeys()).extracting(Key::id, Key::suite)
                .containsExactly(tuple("g1", SM4_GCM_HMAC_SM3), tuple("k1", AES_GCM_HMAC_SHA256));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                refused("an encryption key that is not base64", "encryption key \"k1\" is not base64",
                        b -> b.encryptionKey("k1", null, "not base64!").hashKey("k1", null, HASH_KEY)),
                refused("an AES-256 key of 16 bytes", "encryption key \"k1\" must be 32 bytes for AES_GCM_HMAC_SHA256",
                        b -> b.encryptionKey("k1", null, SM4_KEY).hashKey("k1", null, HASH_KEY)),
                refused("an SM4 key of 32 bytes", "encryption key \"k1\" must be 16 bytes for SM4_GCM_HMAC_SM3",
                        b -> b.encryptionKey("k1", SM4_GCM_HMAC_SM3, AES_KEY).hashKey("k1", null, HASH_KEY)),
                refused("a hash key of 16 bytes", "hash key \"k1\" must be 32 bytes",
                        b -> b.encryptionKey("k1", null, AES_KEY).hashKey("k1", null, SM4_KEY)),
                refused("an id the environment cannot name", "encryption key \"K_2\": a key id is 1 to 16 lower-case letters and digits",
                        b -> b.encryptionKey("k1", null, AES_KEY).hashKey("k1", null, HASH_KEY).encryptionKey("K_2", null, AES_KEY)),
                refused("the same id twice", "hash key \"k1\" is configured twice",
                        b -> b.encryptionKey("k1", null, AES_KEY).hashKey("k1", null, HASH_KEY).hashKey("k1", null, HASH_KEY)),
                refused("an active encryption key that is not on the ring", "the active national-ID encryption key \"k1\" is not configured",
                        b -> b.hashKey("k1", null, HASH_KEY)),
                refused("an active hash key that is not on the ring", "the active national-ID hash key \"k1\" is not configured",
                        b -> b.encryptionKey("k1", null, AES_KEY)));
    }

    static Arguments refused(String what, String message, UnaryOperator<Builder> keys) {
        return Arguments.of(what, message, keys);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void shouldRefuseAMisconfiguredRingNamingTheKeyButNotItsBytes(String what, String message, UnaryOperator<Builder> keys) {
        assertThatThrownBy(() -> keys.apply(NationalIdKeyRing.builder(AES_GCM_HMAC_SHA256)).build("k1", "k1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(AES_KEY, SM4_KEY, HASH_KEY));
    }

    @Test
    void shouldNameEveryProblemAtOnce() {
        assertThatThrownBy(() -> NationalIdKeyRing.builder(AES_GCM_HMAC_SHA256)
                .encryptionKey("k1", null, SM4_KEY).hashKey("k1", null, "%%").build("k1", "k1"))
                .hasMessageContaining("encryption key \"k1\" must be 32 bytes").hasMessageContaining("hash key \"k1\" is not base64");
    }

    @Test
    void shouldNotPrintKeyBytes() {
        Key key = NationalIdKeyRing.builder(AES_GCM_HMAC_SHA256).encryptionKey("k1", null, AES_KEY).hashKey("k1", null, HASH_KEY)
                .build("k1", "k1").activeEncryptionKey();

        assertThat(key.toString()).isEqualTo("k1 (AES_GCM_HMAC_SHA256)");
    }

    static String base64(int first, int length) {
        return Base64.getEncoder().encodeToString(bytes(first, length));
    }
}
