package io.wanjia.household.crypto;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.AEADBadTagException;

import io.wanjia.household.domain.NationalId;
import io.wanjia.household.crypto.NationalIdKeyRing.Key;

/**
 * National IDs sealed, opened and hashed with a key ring; what it stores names the key that made it, so a row can be
 * opened after the active key has changed and found by the re-keying. Plain Java: the service's {@code NationalIdVault}
 * builds one from configuration.
 */
public final class NationalIdCipher {

    /** A sealed number ({@code iv || ciphertext || tag}) and the id of the key that sealed it. */
    public record Sealed(String keyId, byte[] bytes) {
    }

    /** A keyed hash (lower-case hex) and the id of the key that made it. */
    public record KeyedHash(String keyId, String hex) {
    }

    /** A stored number that no key opens: its key left the ring, or the bytes were altered. Names the key, never the number. */
    public static final class UnreadableNationalIdException extends IllegalStateException {

        UnreadableNationalIdException(String message) {
            super(message);
        }
    }

    private final NationalIdKeyRing ring;

    public NationalIdCipher(NationalIdKeyRing ring) {
        this.ring = ring;
    }

    public NationalIdKeyRing ring() {
        return ring;
    }

    /** The number sealed under the active encryption key, with a fresh IV. */
    public Sealed seal(NationalId id) {
        Key key = ring.activeEncryptionKey();
        return new Sealed(key.id(), key.suite().seal(key.bytes(), bytes(id)));
    }

    /** The number back from what {@code keyId} sealed. */
    public NationalId open(String keyId, byte[] stored) {
        Key key = ring.encryptionKey(keyId).orElseThrow(() -> new UnreadableNationalIdException(
                "a stored national ID was sealed under key \"" + keyId + "\", which is no longer on the ring"));
        try {
            return parse(key.suite().open(key.bytes(), stored));
        } catch (AEADBadTagException e) {
            throw new UnreadableNationalIdException("a stored national ID does not open under key \"" + keyId + "\" (altered, or another key)");
        }
    }

    /**
     * The number back from bytes whose key is not known: each key of the ring is tried, the active one first. GCM's tag
     * tells the right key from a wrong one, so the first that opens it is the one that sealed it.
     */
    public NationalId open(byte[] stored) {
        for (Key key : ring.encryptionKeys()) {
            try {
                return parse(key.suite().open(key.bytes(), stored));
            } catch (AEADBadTagException wrongKey) {
                // try the next key
            }
        }
        throw new UnreadableNationalIdException("a stored national ID opens under no key of the ring (altered, or its key was dropped)");
    }

    /** The keyed hash under the active hash key: what a new row stores. */
    public KeyedHash hash(NationalId id) {
        return hash(ring.activeHashKey(), id);
    }

    /** The keyed hash under every hash key of the ring, the active one first: what a lookup matches against. */
    public List<KeyedHash> hashes(NationalId id) {
        return ring.hashKeys().stream().map(key -> hash(key, id)).toList();
    }

    private static KeyedHash hash(Key key, NationalId id) {
        return new KeyedHash(key.id(), HexFormat.of().formatHex(key.suite().mac(key.bytes(), bytes(id))));
    }

    private static byte[] bytes(NationalId id) {
        return id.value().getBytes(StandardCharsets.US_ASCII);
    }

    private static NationalId parse(byte[] plain) {
        return NationalId.parse(new String(plain, StandardCharsets.US_ASCII));
    }
}
