package io.wanjia.household.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The algorithms that keep a national ID at rest: an authenticated cipher for the number and a keyed hash to find it
 * by. A deployment chooses one; each key of the ring belongs to one, so rows sealed under another suite stay readable
 * until they are re-keyed. 国密 (China's commercial cryptography standards) is SM4 (GB/T 32907) in GCM mode as RFC 8998
 * uses it, with HMAC over SM3 (GB/T 32905): what a GB/T 39786 assessment asks for.
 *
 * <p>Both suites store the same shape, {@code iv (12 bytes) || ciphertext || tag (16 bytes)}, without associated
 * data: the AES rows written before suites existed are exactly that, so they open unchanged.
 */
public enum NationalIdSuite {

    /** AES-256-GCM and HMAC-SHA256 from the JDK: the default, and what every deployment used before suites. */
    AES_GCM_HMAC_SHA256(32) {
        @Override
        byte[] seal(byte[] key, byte[] iv, byte[] aad, byte[] plain) {
            try {
                return aes(Cipher.ENCRYPT_MODE, key, iv, aad).doFinal(plain);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM unavailable", e);
            }
        }

        @Override
        byte[] open(byte[] key, byte[] iv, byte[] aad, byte[] sealed) throws AEADBadTagException {
            try {
                return aes(Cipher.DECRYPT_MODE, key, iv, aad).doFinal(sealed);
            } catch (AEADBadTagException e) {
                throw e;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM unavailable", e);
            }
        }

        @Override
        public byte[] mac(byte[] key, byte[] data) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac.doFinal(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 unavailable", e);
            }
        }

        private Cipher aes(int mode, byte[] key, byte[] iv, byte[] aad) throws GeneralSecurityException {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
            if (aad.length > 0) {
                cipher.updateAAD(aad);
            }
            return cipher;
        }
    },

    /** SM4-GCM and HMAC-SM3 from BouncyCastle's lightweight API: no JCA provider to register or trust. */
    SM4_GCM_HMAC_SM3(16) {
        @Override
        byte[] seal(byte[] key, byte[] iv, byte[] aad, byte[] plain) {
            try {
                return run(sm4Gcm(true, key, iv, aad), plain);
            } catch (InvalidCipherTextException e) {
                throw new IllegalStateException("SM4-GCM could not seal", e);
            }
        }

        @Override
        byte[] open(byte[] key, byte[] iv, byte[] aad, byte[] sealed) throws AEADBadTagException {
            try {
                return run(sm4Gcm(false, key, iv, aad), sealed);
            } catch (InvalidCipherTextException e) {
                throw new AEADBadTagException("SM4-GCM tag mismatch");
            }
        }

        @Override
        public byte[] mac(byte[] key, byte[] data) {
            HMac mac = new HMac(sm3());
            mac.init(new KeyParameter(key));
            mac.update(data, 0, data.length);
            byte[] out = new byte[mac.getMacSize()];
            mac.doFinal(out, 0);
            return out;
        }

        private GCMModeCipher sm4Gcm(boolean forSealing, byte[] key, byte[] iv, byte[] aad) {
            GCMModeCipher gcm = GCMBlockCipher.newInstance(sm4());
            gcm.init(forSealing, new AEADParameters(new KeyParameter(key), TAG_BYTES * 8, iv, aad));
            return gcm;
        }

        private byte[] run(GCMModeCipher gcm, byte[] in) throws InvalidCipherTextException {
            byte[] out = new byte[gcm.getOutputSize(in.length)];
            int written = gcm.processBytes(in, 0, in.length, out, 0);
            written += gcm.doFinal(out, written);
            return written == out.length ? out : Arrays.copyOf(out, written);
        }
    };

    /** GCM's recommended nonce length: a fresh random one per sealing. */
    public static final int IV_BYTES = 12;
    /** A full 128-bit tag: a changed byte or a wrong key is caught. */
    static final int TAG_BYTES = 16;
    /** Hash keys are 32 random bytes in both suites (the output size of SHA-256 and of SM3). */
    public static final int HASH_KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int encryptionKeyBytes;

    NationalIdSuite(int encryptionKeyBytes) {
        this.encryptionKeyBytes = encryptionKeyBytes;
    }

    /** The length of this suite's encryption keys: 32 bytes for AES-256, 16 for SM4. */
    public int encryptionKeyBytes() {
        return encryptionKeyBytes;
    }

    /** {@code plain} sealed under {@code key} with a fresh random IV: {@code iv || ciphertext || tag}. */
    public byte[] seal(byte[] key, byte[] plain) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed = seal(key, iv, new byte[0], plain);
        return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
    }

    /** What {@link #seal(byte[], byte[])} sealed; {@link AEADBadTagException} for another key or an altered byte. */
    public byte[] open(byte[] key, byte[] stored) throws AEADBadTagException {
        if (stored.length < IV_BYTES + TAG_BYTES) {
            throw new AEADBadTagException("too short to be a sealed national ID");
        }
        return open(key, Arrays.copyOf(stored, IV_BYTES), new byte[0], Arrays.copyOfRange(stored, IV_BYTES, stored.length));
    }

    /** The keyed hash of {@code data}: HMAC-SHA256 or HMAC-SM3. */
    public abstract byte[] mac(byte[] key, byte[] data);

    /** GCM with a given IV and associated data, {@code ciphertext || tag}: the shape the published test vectors use. */
    abstract byte[] seal(byte[] key, byte[] iv, byte[] aad, byte[] plain);

    /** The inverse of {@link #seal(byte[], byte[], byte[], byte[])}. */
    abstract byte[] open(byte[] key, byte[] iv, byte[] aad, byte[] sealed) throws AEADBadTagException;

    /** SM4 (GB/T 32907), the block cipher under SM4-GCM. */
    static BlockCipher sm4() {
        return new SM4Engine();
    }

    /** SM3 (GB/T 32905), the digest under HMAC-SM3. */
    static Digest sm3() {
        return new SM3Digest();
    }
}
