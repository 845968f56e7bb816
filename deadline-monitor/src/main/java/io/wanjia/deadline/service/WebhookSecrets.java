package io.wanjia.deadline.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.wanjia.deadline.config.DeadlineConfig;

/**
 * Keeps the subscriptions' webhook secrets — and the group robots' tokens and 加签 secrets — sealed at rest: AES-256-GCM
 * with a key from the environment, the subscription's id bound in as associated data (a sealed secret copied onto
 * another subscription does not open). They must be readable, not hashed: the dispatcher signs every alert with them
 * and puts a robot's token in the URL it posts to.
 */
@ApplicationScoped
public class WebhookSecrets {

    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    @Inject
    EntityManager em;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public WebhookSecrets(DeadlineConfig config) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(config.webhooks().secretKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("wanjia.deadline.webhooks.secret-key is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("wanjia.deadline.webhooks.secret-key must be 32 bytes (base64 of 32 random bytes)");
        }
        key = new SecretKeySpec(bytes, "AES");
    }

    /** {@code secret} sealed for {@code subscription}: {@code iv || ciphertext+tag}. */
    public byte[] seal(UUID subscription, String secret) {
        return seal(subscription.toString(), secret);
    }

    /** The secret back from {@link #seal}. */
    public String open(UUID subscription, byte[] sealed) {
        return open(subscription.toString(), subscription, sealed);
    }

    /**
     * A robot's token sealed for {@code subscription}. The associated data differs from the secret's, so a DingTalk
     * subscription's token and secret cannot be swapped in the row unnoticed.
     */
    public byte[] sealToken(UUID subscription, String token) {
        return seal(subscription + "/token", token);
    }

    /** The token back from {@link #sealToken}. */
    public String openToken(UUID subscription, byte[] sealed) {
        return open(subscription + "/token", subscription, sealed);
    }

    private byte[] seal(String associated, String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associated.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private String open(String associated, UUID subscription, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(associated.getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the secret of webhook subscription " + subscription + " could not be opened (wrong key?)");
        }
    }

    /**
     * Seals the secrets that versions before V3 kept in plaintext, and empties the plaintext column. SQL has no
     * AES-GCM (pgcrypto offers CBC only, and the key must not reach a migration), so this runs when the service
     * starts — before the dispatcher's first pass, which sends only for sealed secrets. Safe on several instances at
     * once: each row is sealed under its lock, and a row sealed by another is skipped.
     */
    void sealPlaintext(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent event) {
        int sealed = sealPlaintext();
        if (sealed > 0) {
            LOG.infof("sealed the plaintext secrets of %d webhook subscriptions", sealed);
        }
    }

    /** Seals every plaintext secret left; returns how many. */
    public int sealPlaintext() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                    "SELECT id, secret FROM webhook_subscription WHERE secret IS NOT NULL FOR UPDATE SKIP LOCKED").getResultList();
            for (Object[] row : rows) {
                UUID id = (UUID) row[0];
                em.createNativeQuery("UPDATE webhook_subscription SET secret_sealed = ?1, secret = NULL WHERE id = ?2")
                        .setParameter(1, seal(id, (String) row[1])).setParameter(2, id).executeUpdate();
            }
            return rows.size();
        });
    }
}
