package io.wanjia.household.crypto;

import static io.wanjia.household.crypto.NationalIdSuite.AES_GCM_HMAC_SHA256;
import static io.wanjia.household.crypto.NationalIdSuite.SM4_GCM_HMAC_SM3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.crypto.AEADBadTagException;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two suites against the published known answers of each algorithm, then what the register relies on: an altered
 * byte or another key is refused, and the same number never seals to the same bytes twice.
 */
class NationalIdSuiteTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] NUMBER = "21010219800101001X".getBytes(StandardCharsets.US_ASCII);

    static Stream<Arguments> authenticatedEncryption() {
        String gcmKey = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
        String gcmIv = "cafebabefacedbaddecaf888";
        String gcmPlain = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
        String gcmCipher = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";
        return Stream.of(
                Arguments.of("AES-256-GCM, GCM specification test case 15 (no associated data: the register's shape)",
                        AES_GCM_HMAC_SHA256, gcmKey, gcmIv, "", gcmPlain, gcmCipher + "b094dac5d93471bdec1a502270e3cc6c"),
                Arguments.of("AES-256-GCM, GCM specification test case 16 (with associated data)", AES_GCM_HMAC_SHA256, gcmKey, gcmIv,
                        "feedfacedeadbeeffeedfacedeadbeefabaddad2", gcmPlain.substring(0, 120),
                        gcmCipher.substring(0, 120) + "76fc6ece0f4e1768cddf8853bb2d551b"),
                Arguments.of("SM4-GCM, RFC 8998 appendix A.1", SM4_GCM_HMAC_SM3, "0123456789abcdeffedcba9876543210",
                        "00001234567800000000abcd", "feedfacedeadbeeffeedfacedeadbeefabaddad2",
                        "aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccccccccccdddddddddddddddd"
                                + "eeeeeeeeeeeeeeeeffffffffffffffffeeeeeeeeeeeeeeeeaaaaaaaaaaaaaaaa",
                        "17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735"
                                + "d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d"
                                + "83de3541e4c2b58177e065a9bf7b62ec"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authenticatedEncryption")
    void shouldSealAndOpenThePublishedVectors(String source, NationalIdSuite suite, String key, String iv, String aad, String plain,
            String sealed) throws AEADBadTagException {
        assertThat(HEX.formatHex(suite.seal(HEX.parseHex(key), HEX.parseHex(iv), HEX.parseHex(aad), HEX.parseHex(plain)))).isEqualTo(sealed);
        assertThat(HEX.formatHex(suite.open(HEX.parseHex(key), HEX.parseHex(iv), HEX.parseHex(aad), HEX.parseHex(sealed)))).isEqualTo(plain);
    }

    static Stream<Arguments> keyedHashes() {
        String gmtKey = HEX.formatHex(bytes(1, 32));
        String abcd = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        return Stream.of(
                Arguments.of("HMAC-SHA256, RFC 4231 test case 1", AES_GCM_HMAC_SHA256, "0b".repeat(20), ascii("Hi There"),
                        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                Arguments.of("HMAC-SHA256, RFC 4231 test case 2", AES_GCM_HMAC_SHA256, ascii("Jefe"), ascii("what do ya want for nothing?"),
                        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                Arguments.of("HMAC-SM3, GM/T 0042-2015 appendix D.3, 1", SM4_GCM_HMAC_SM3, gmtKey, ascii(abcd + abcd),
                        "ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a"),
                Arguments.of("HMAC-SM3, GM/T 0042-2015 appendix D.3, 2", SM4_GCM_HMAC_SM3, HEX.formatHex(bytes(1, 37)), "cd".repeat(50),
                        "220bf579ded555393f0159f66c99877822a3ecf610d1552154b41d44b94db3ae"),
                Arguments.of("HMAC-SM3, GM/T 0042-2015 appendix D.3, 3", SM4_GCM_HMAC_SM3, "0b".repeat(32), ascii("Hi There"),
                        "c0ba18c68b90c88bc07de794bfc7d2c8d19ec31ed8773bc2b390c9604e0be11e"),
                Arguments.of("HMAC-SM3, GM/T 0042-2015 appendix D.3, 4", SM4_GCM_HMAC_SM3, ascii("Jefe"), ascii("what do ya want for nothing?"),
                        "2e87f1d16862e6d964b50a5200bf2b10b764faa9680a296a2405f24bec39f882"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyedHashes")
    void shouldHashThePublishedVectors(String source, NationalIdSuite suite, String key, String data, String mac) {
        assertThat(HEX.formatHex(suite.mac(HEX.parseHex(key), HEX.parseHex(data)))).isEqualTo(mac);
    }

    @Test
    void shouldDigestTheSm3ExamplesOfGbT32905() {
        assertThat(HEX.formatHex(digest(NationalIdSuite.sm3(), "abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        assertThat(HEX.formatHex(digest(NationalIdSuite.sm3(), "abcd".repeat(16).getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    @Test
    void shouldEncryptTheSm4ExamplesOfGbT32907() {
        byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");
        BlockCipher sm4 = NationalIdSuite.sm4();
        sm4.init(true, new KeyParameter(key));
        byte[] block = key.clone();
        sm4.processBlock(block, 0, block, 0);
        assertThat(HEX.formatHex(block)).as("example 1: one block").isEqualTo("681edf34d206965e86b3e94f536e4246");

        block = key.clone();
        for (int i = 0; i < 1_000_000; i++) {
            sm4.processBlock(block, 0, block, 0);
        }
        assertThat(HEX.formatHex(block)).as("example 2: the same block encrypted 1,000,000 times").isEqualTo("595298c7c6fd271f0402f804c33d3f66");
    }

    @ParameterizedTest
    @EnumSource(NationalIdSuite.class)
    void shouldOpenWhatItSealedWithAFreshIvEachTime(NationalIdSuite suite) throws AEADBadTagException {
        byte[] key = bytes(7, suite.encryptionKeyBytes());

        byte[] first = suite.seal(key, NUMBER);
        byte[] second = suite.seal(key, NUMBER);

        assertThat(first).hasSize(NationalIdSuite.IV_BYTES + NUMBER.length + NationalIdSuite.TAG_BYTES).isNotEqualTo(second);
        assertThat(suite.open(key, first)).isEqualTo(NUMBER);
        assertThat(suite.open(key, second)).isEqualTo(NUMBER);
    }

    @ParameterizedTest
    @EnumSource(NationalIdSuite.class)
    void shouldRefuseEveryAlteredByte(NationalIdSuite suite) {
        byte[] key = bytes(7, suite.encryptionKeyBytes());
        byte[] sealed = suite.seal(key, NUMBER);

        IntStream.range(0, sealed.length).forEach(i -> {
            byte[] altered = sealed.clone();
            altered[i] ^= 0x01;
            assertThatThrownBy(() -> suite.open(key, altered)).as("byte %d flipped", i).isInstanceOf(AEADBadTagException.class);
        });
        assertThatThrownBy(() -> suite.open(key, Arrays.copyOf(sealed, sealed.length - 1)))
                .as("a byte cut off").isInstanceOf(AEADBadTagException.class);
        assertThatThrownBy(() -> suite.open(key, new byte[NationalIdSuite.IV_BYTES])).as("no tag at all").isInstanceOf(AEADBadTagException.class);
    }

    @ParameterizedTest
    @EnumSource(NationalIdSuite.class)
    void shouldRefuseAnotherKey(NationalIdSuite suite) {
        byte[] sealed = suite.seal(bytes(7, suite.encryptionKeyBytes()), NUMBER);

        assertThatThrownBy(() -> suite.open(bytes(8, suite.encryptionKeyBytes()), sealed)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void shouldNotOpenOneSuitesBytesWithTheOtherSuitesKey() {
        byte[] key = bytes(7, 16);
        byte[] sm4 = SM4_GCM_HMAC_SM3.seal(key, NUMBER);

        // A ring may hold keys of both suites (a deployment moving to SM4): trying the other suite's key fails on the tag.
        assertThatThrownBy(() -> AES_GCM_HMAC_SHA256.open(bytes(7, 32), sm4)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void shouldHashTheSameNumberDifferentlyUnderEachSuiteAndKey() {
        byte[] key = bytes(3, NationalIdSuite.HASH_KEY_BYTES);

        assertThat(AES_GCM_HMAC_SHA256.mac(key, NUMBER)).isEqualTo(AES_GCM_HMAC_SHA256.mac(key.clone(), NUMBER))
                .isNotEqualTo(SM4_GCM_HMAC_SM3.mac(key, NUMBER))
                .isNotEqualTo(AES_GCM_HMAC_SHA256.mac(bytes(4, NationalIdSuite.HASH_KEY_BYTES), NUMBER));
    }

    /** {@code length} bytes counting up from {@code first}. */
    static byte[] bytes(int first, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }

    private static String ascii(String text) {
        return HEX.formatHex(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] digest(Digest digest, byte[] data) {
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}
