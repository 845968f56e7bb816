package io.wanjia.household.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.wanjia.household.config.HouseholdConfig;
import io.wanjia.household.config.HouseholdConfig.NationalIdKeys;
import io.wanjia.household.config.HouseholdConfig.RingKey;
import io.wanjia.household.crypto.NationalIdCipher;
import io.wanjia.household.crypto.NationalIdCipher.KeyedHash;
import io.wanjia.household.crypto.NationalIdKeyRing;
import io.wanjia.household.crypto.NationalIdSuite;
import io.wanjia.household.domain.NationalId;

/**
 * Keeps national IDs at rest: sealed under the active encryption key, with a keyed hash under the active hash key for
 * lookup and duplicate detection, each stored beside the id of its key; keys, suite and ring from configuration
 * (household-service README, "National-ID keys and ciphers"). Nothing else in the service sees the number in clear.
 */
@ApplicationScoped
public class NationalIdVault {

    private final NationalIdCipher cipher;

    @Inject
    public NationalIdVault(HouseholdConfig config) {
        this.cipher = new NationalIdCipher(keyRing(config.nationalId()));
    }

    /** The ring configuration describes: {@code k1} from the two original variables, then {@code keys."<id>"}. */
    static NationalIdKeyRing keyRing(NationalIdKeys config) {
        Map<String, RingKey> keys = config.keys();
        NationalIdKeyRing.Builder ring = NationalIdKeyRing.builder(config.suite());
        String legacy = NationalIdKeyRing.LEGACY_KEY_ID;
        NationalIdSuite legacySuite = Optional.ofNullable(keys.get(legacy)).flatMap(RingKey::suite).orElse(null);
        config.encryptionKey().ifPresent(key -> ring.encryptionKey(legacy, legacySuite, key));
        config.hashKey().ifPresent(key -> ring.hashKey(legacy, legacySuite, key));
        keys.forEach((id, key) -> {
            key.encryptionKey().ifPresent(bytes -> ring.encryptionKey(id, key.suite().orElse(null), bytes));
            key.hashKey().ifPresent(bytes -> ring.hashKey(id, key.suite().orElse(null), bytes));
        });
        return ring.build(config.activeEncryptionKey(), config.activeHashKey());
    }

    /** The keyed hash under the active hash key: what a new row stores beside {@link #hashKeyId()}. */
    public String hash(NationalId id) {
        return cipher.hash(id).hex();
    }

    /**
     * The keyed hashes under every hash key of the ring, the active one first: a lookup by ID matches any of them, so
     * rows hashed under an older key are found until the re-keying reaches them.
     */
    public List<String> hashes(NationalId id) {
        return cipher.hashes(id).stream().map(KeyedHash::hex).toList();
    }

    /** The id of the active hash key, stored beside each hash. */
    public String hashKeyId() {
        return cipher.ring().activeHashKey().id();
    }

    /** The number sealed under the active encryption key with a fresh IV: {@code iv || ciphertext || tag}. */
    public byte[] encrypt(NationalId id) {
        return cipher.seal(id).bytes();
    }

    /** The id of the active encryption key, stored beside each ciphertext. */
    public String encryptionKeyId() {
        return cipher.ring().activeEncryptionKey().id();
    }

    /** The ids of the ring's encryption keys and their suites, the active one first (no key material). */
    public Map<String, NationalIdSuite> encryptionKeys() {
        return suites(cipher.ring().encryptionKeys());
    }

    /** The ids of the ring's hash keys and their suites, the active one first (no key material). */
    public Map<String, NationalIdSuite> hashKeys() {
        return suites(cipher.ring().hashKeys());
    }

    private static Map<String, NationalIdSuite> suites(List<NationalIdKeyRing.Key> keys) {
        Map<String, NationalIdSuite> suites = new LinkedHashMap<>();
        keys.forEach(key -> suites.put(key.id(), key.suite()));
        return suites;
    }

    /** The number back from what key {@code keyId} sealed; only for an audited disclosure or re-keying. */
    public NationalId decrypt(String keyId, byte[] stored) {
        return cipher.open(keyId, stored);
    }

    /** The number back from {@link #encrypt} when its key id is not at hand: every key of the ring is tried. */
    public NationalId decrypt(byte[] stored) {
        return cipher.open(stored);
    }
}
