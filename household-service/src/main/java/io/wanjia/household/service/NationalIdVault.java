package io.wanjia.household.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.wanjia.household.config.HouseholdConfig;
import io.wanjia.household.domain.NationalId;

/**
 * Keeps national IDs at rest: AES-256-GCM for the number itself, an HMAC-SHA256 keyed hash for lookup and
 * duplicate detection, both keyed from the environment. Nothing else in the service sees the number in clear.
 */
@ApplicationScoped
public class NationalIdVault {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec hashKey;
    private final SecureRandom random = new SecureRandom();

    public NationalIdVault(HouseholdConfig config) {
        this.encryptionKey = new SecretKeySpec(key(config.nationalId().encryptionKey(), "encryption-key"), "AES");
        this.hashKey = new SecretKeySpec(key(config.nationalId().hashKey(), "hash-key"), "HmacSHA256");
    }

    private static byte[] key(String base64, String name) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("wanjia.household.national-id." + name + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("wanjia.household.national-id." + name + " must be 32 bytes (base64 of 32 random bytes)");
        }
        return key;
    }

    /** The keyed hash that finds a member by ID without storing it in clear. */
    public String hash(NationalId id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return HexFormat.of().formatHex(mac.doFinal(id.value().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** The number encrypted with a fresh IV: {@code iv || ciphertext+tag}. */
    public byte[] encrypt(NationalId id) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(id.value().getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The number back from {@link #encrypt}; only for an audited disclosure or re-keying. */
    public NationalId decrypt(byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
            return NationalId.parse(new String(plain, StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored national ID could not be decrypted (wrong key?)", e);
        }
    }
}
