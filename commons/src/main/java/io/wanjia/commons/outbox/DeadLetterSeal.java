package io.wanjia.commons.outbox;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Seals the dead-letter copies an outbox keeps until they are sent (and for {@code wanjia.outbox.retention} after):
 * a bad labour report holds a national ID, and a copy must be kept byte for byte, so it is kept encrypted
 * (AES-256-GCM, a fresh IV per field) where the service configures {@code wanjia.outbox.dead-letter-key}. Without a
 * key the copies are kept as they came: services whose topics carry no personal data need none.
 */
@ApplicationScoped
public class DeadLetterSeal {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public DeadLetterSeal(OutboxConfig config) {
        this.key = config.deadLetterKey().map(DeadLetterSeal::key).orElse(null);
    }

    DeadLetterSeal(String base64Key) {
        this.key = key(base64Key);
    }

    private static SecretKeySpec key(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("wanjia.outbox.dead-letter-key is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("wanjia.outbox.dead-letter-key must be 32 bytes (base64 of 32 random bytes)");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** Whether copies are sealed in this service. */
    public boolean enabled() {
        return key != null;
    }

    /** {@code plain} encrypted: {@code iv || ciphertext+tag}; null stays null. */
    public byte[] seal(byte[] plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The bytes {@link #seal} was given; a copy sealed under another key fails (the relay sets its row aside). */
    public byte[] open(byte[] sealed) throws GeneralSecurityException {
        if (sealed == null) {
            return null;
        }
        if (key == null) {
            throw new GeneralSecurityException("a sealed dead letter, but wanjia.outbox.dead-letter-key is not set");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
        return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
    }
}
