package io.wanjia.household.crypto;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A deployment's national-ID keys by id: the active encryption key seals new numbers and the active hash key hashes
 * them; older keys stay on the ring so rows written under them still open and are still found, until the re-keying
 * has moved every row to the active keys and an operator drops them. Encryption and hash keys rotate apart: the
 * encryption key is the deployment's own, the hash key is shared by the districts of a city (DESIGN.md, Security).
 */
public final class NationalIdKeyRing {

    /** The id that the two original variables stand for, so deployments from before key rotation keep working. */
    public static final String LEGACY_KEY_ID = "k1";
    /** Lower-case letters and digits only, so {@code WANJIA_HOUSEHOLD_NATIONAL_ID_KEYS_K2_...} names key {@code k2}. */
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9]{1,16}");

    /** One key: its id, the suite it belongs to, and its bytes (never printed). */
    public record Key(String id, NationalIdSuite suite, byte[] bytes) {

        @Override
        public String toString() {
            return id + " (" + suite + ")";
        }
    }

    private final Map<String, Key> encryptionKeys;
    private final Map<String, Key> hashKeys;
    private final Key activeEncryptionKey;
    private final Key activeHashKey;

    private NationalIdKeyRing(Map<String, Key> encryptionKeys, Map<String, Key> hashKeys, String activeEncryption, String activeHash) {
        this.activeEncryptionKey = active(encryptionKeys, activeEncryption, "encryption");
        this.activeHashKey = active(hashKeys, activeHash, "hash");
        this.encryptionKeys = activeFirst(encryptionKeys, activeEncryptionKey);
        this.hashKeys = activeFirst(hashKeys, activeHashKey);
    }

    /** A ring to fill; keys that name no suite belong to {@code defaultSuite}. */
    public static Builder builder(NationalIdSuite defaultSuite) {
        return new Builder(defaultSuite);
    }

    /** The key that seals new numbers. */
    public Key activeEncryptionKey() {
        return activeEncryptionKey;
    }

    /** The key that hashes new numbers. */
    public Key activeHashKey() {
        return activeHashKey;
    }

    /** The encryption key with this id, if it is still on the ring. */
    public Optional<Key> encryptionKey(String id) {
        return Optional.ofNullable(encryptionKeys.get(id));
    }

    /** Every encryption key, the active one first. */
    public List<Key> encryptionKeys() {
        return List.copyOf(encryptionKeys.values());
    }

    /**
     * Every hash key, the active one first. A lookup hashes the typed ID under each, so a row hashed under an older
     * key is found until it is re-keyed.
     */
    public List<Key> hashKeys() {
        return List.copyOf(hashKeys.values());
    }

    private static Key active(Map<String, Key> keys, String id, String kind) {
        Key key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("the active national-ID " + kind + " key \"" + id + "\" is not configured (keys on the ring: "
                    + keys.keySet() + ")");
        }
        return key;
    }

    private static Map<String, Key> activeFirst(Map<String, Key> keys, Key active) {
        Map<String, Key> ordered = new LinkedHashMap<>();
        ordered.put(active.id(), active);
        ordered.putAll(keys);
        return ordered;
    }

    /** Collects keys as configuration gives them (base64), checks each, and names the active ones. */
    public static final class Builder {

        private final NationalIdSuite defaultSuite;
        private final Map<String, Key> encryptionKeys = new LinkedHashMap<>();
        private final Map<String, Key> hashKeys = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();

        private Builder(NationalIdSuite defaultSuite) {
            this.defaultSuite = defaultSuite;
        }

        /** An encryption key of {@code suite} (null: the default suite), base64 of the suite's key length. */
        public Builder encryptionKey(String id, NationalIdSuite suite, String base64) {
            NationalIdSuite of = suite == null ? defaultSuite : suite;
            add(encryptionKeys, "encryption", id, of, base64, of.encryptionKeyBytes());
            return this;
        }

        /** A hash key of {@code suite} (null: the default suite), base64 of 32 random bytes. */
        public Builder hashKey(String id, NationalIdSuite suite, String base64) {
            add(hashKeys, "hash", id, suite == null ? defaultSuite : suite, base64, NationalIdSuite.HASH_KEY_BYTES);
            return this;
        }

        /** The ring with these active keys; every problem found is named at once, none of them shows a key. */
        public NationalIdKeyRing build(String activeEncryptionKey, String activeHashKey) {
            if (!problems.isEmpty()) {
                throw new IllegalStateException("national-ID keys: " + String.join("; ", problems));
            }
            return new NationalIdKeyRing(encryptionKeys, hashKeys, activeEncryptionKey, activeHashKey);
        }

        private void add(Map<String, Key> keys, String kind, String id, NationalIdSuite suite, String base64, int length) {
            String name = kind + " key \"" + id + "\"";
            if (!KEY_ID.matcher(id).matches()) {
                problems.add(name + ": a key id is 1 to 16 lower-case letters and digits");
                return;
            }
            if (keys.containsKey(id)) {
                problems.add(name + " is configured twice");
                return;
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(base64.trim());
            } catch (IllegalArgumentException e) {
                problems.add(name + " is not base64");
                return;
            }
            if (bytes.length != length) {
                problems.add(name + " must be " + length + " bytes for " + suite + " (base64 of " + length + " random bytes), not "
                        + bytes.length);
                return;
            }
            keys.put(id, new Key(id, suite, bytes));
        }
    }
}
