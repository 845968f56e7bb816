package io.wanjia.household.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.household.crypto.NationalIdCipher.UnreadableNationalIdException;
import io.wanjia.household.crypto.NationalIdSuite;
import io.wanjia.household.domain.NationalId;

/**
 * Re-keying: the stored national IDs of an area sealed and hashed again under the active keys, so that older keys can
 * leave the ring (household-service README, "National-ID keys and ciphers"). It runs beside live traffic in small
 * transactions that take the household locks every writer of members takes, skipping households a writer holds at
 * that moment; each call re-keys about {@code limit} rows and says how many are left, so it is resumed by calling it
 * again. Rows already under the active keys are not touched: a call after an interruption goes on where it stopped.
 */
@ApplicationScoped
public class NationalIdRekeying {

    /** Households re-keyed in one transaction: their locks are held for milliseconds, so live writers barely wait. */
    static final int HOUSEHOLDS_PER_TRANSACTION = 100;
    /** Unmatched reports re-keyed in one transaction. */
    static final int REPORTS_PER_TRANSACTION = 500;
    /** Skipped rows named in one answer, at most (the count of what is left covers the rest). */
    static final int SKIPPED_SHOWN = 100;

    private static final Logger LOG = Logger.getLogger(NationalIdRekeying.class);
    private static final UUID BEFORE_ANY_HOUSEHOLD = new UUID(0, 0);

    @Inject
    NationalIdVault vault;
    @Inject
    IdentityClaims claims;
    @Inject
    EntityManager em;
    @Inject
    AuditTrail audit;

    /** How many stored rows of an area name one key, and whether the ring still holds it. */
    public record KeyUse(String keyId, NationalIdSuite suite, boolean active, boolean onRing, long members, long unmatchedReports) {
    }

    /** Which keys the stored national IDs of an area were sealed and hashed with. */
    public record KeyUsage(String area, List<KeyUse> encryptionKeys, List<KeyUse> hashKeys) {
    }

    /** Why a row was left under its old keys. */
    public enum SkipReason {
        /** Re-hashed, it would equal another member's hash: the same person registered twice; a case worker removes one. */
        DUPLICATE_HASH,
        /** No key of the ring opens it: its key was dropped too early, or the bytes were altered. */
        UNREADABLE
    }

    /** A row left under its old keys: {@code member} by member id, {@code unmatched_report} by event id. */
    public record Skipped(String table, String id, SkipReason reason) {
    }

    /** What one call did and what is left in the area. */
    public record Progress(String area, String encryptionKey, String hashKey, int rekeyedMembers, int rekeyedUnmatchedReports,
            List<Skipped> skipped, long remainingMembers, long remainingUnmatchedReports, boolean done) {
    }

    /** Which keys the stored rows of {@code area} name, with the ring's keys beside them. */
    public KeyUsage usage(String area) {
        return QuarkusTransaction.requiringNew().call(() -> new KeyUsage(area,
                uses(vault.encryptionKeys(), vault.encryptionKeyId(), count("national_id_key", area)),
                uses(vault.hashKeys(), vault.hashKeyId(), count("national_id_hash_key", area))));
    }

    /**
     * Re-keys about {@code limit} rows of {@code area} (members of its households, unmatched reports of its
     * publishers), batch by batch, and records the call in the audit trail.
     */
    public Progress rekey(String area, int limit) {
        KeyUsage before = usage(area);
        // On record before the first batch commits: a call that fails half-way has still re-keyed rows, by someone.
        QuarkusTransaction.requiringNew().run(() -> audit.record("national-id-keys", area, "REKEY_STARTED", before,
                Map.of("limit", limit, "encryptionKey", vault.encryptionKeyId(), "hashKey", vault.hashKeyId())));
        List<Skipped> skipped = new ArrayList<>();
        int members = rekeyMembers(area, limit, skipped);
        int reports = rekeyReports(area, limit - members, skipped);
        Progress progress = QuarkusTransaction.requiringNew().call(() -> {
            long leftMembers = remaining("""
                    SELECT count(*) FROM member m JOIN household h ON h.id = m.household_id
                    WHERE h.district_code LIKE :area AND""" + stale("m."), area);
            long leftReports = remaining("SELECT count(*) FROM unmatched_report WHERE district_code LIKE :area AND" + stale(""), area);
            Progress done = new Progress(area, vault.encryptionKeyId(), vault.hashKeyId(), members, reports,
                    skipped.stream().limit(SKIPPED_SHOWN).toList(), leftMembers, leftReports, leftMembers + leftReports == 0);
            audit.record("national-id-keys", area, "REKEY", before, done);
            return done;
        });
        LOG.infof("re-keyed %d member(s) and %d unmatched report(s) of area %s to keys %s/%s: %d skipped, %d member(s) and %d report(s) left",
                members, reports, area, progress.encryptionKey(), progress.hashKey(), skipped.size(), progress.remainingMembers(),
                progress.remainingUnmatchedReports());
        return progress;
    }

    /** Re-keys members of the area, household batch by batch, until about {@code limit} are done or none is left. */
    private int rekeyMembers(String area, int limit, List<Skipped> skipped) {
        return inBatches(BEFORE_ANY_HOUSEHOLD, after -> memberBatch(area, after), limit, skipped);
    }

    /** Re-keys unmatched reports of the area until about {@code limit} are done or none is left. */
    private int rekeyReports(String area, int limit, List<Skipped> skipped) {
        return inBatches("", after -> reportBatch(area, after), limit, skipped);
    }

    /** Takes batches, each after the last one's position, until about {@code limit} rows are re-keyed or none is left. */
    private static <K> int inBatches(K first, java.util.function.Function<K, Batch<K>> batchAfter, int limit, List<Skipped> skipped) {
        int rekeyed = 0;
        K after = first;
        while (rekeyed < limit) {
            Batch<K> batch = batchAfter.apply(after);
            rekeyed += batch.rekeyed();
            skipped.addAll(batch.skipped());
            if (batch.last() == null) {
                break;
            }
            after = batch.last();
        }
        return rekeyed;
    }

    /** One transaction's work: rows re-keyed, rows skipped, and the cursor to go on from (null: nothing left). */
    private record Batch<C>(C last, int rekeyed, List<Skipped> skipped) {
    }

    /**
     * The members of the next households after {@code after} that hold a stale row, under the households' locks (the
     * lock every writer of a member takes first, so no writer holds a member loaded before this rewrote it).
     */
    private Batch<UUID> memberBatch(String area, UUID after) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> households = withActiveKeys(em.createNativeQuery("""
                    SELECT DISTINCT m.household_id FROM member m JOIN household h ON h.id = m.household_id
                    WHERE h.district_code LIKE :area AND m.household_id > :after AND""" + stale("m.")
                    + " ORDER BY m.household_id LIMIT :n"))
                    .setParameter("area", area + "%").setParameter("after", after).setParameter("n", HOUSEHOLDS_PER_TRANSACTION)
                    .getResultList();
            if (households.isEmpty()) {
                return new Batch<>(null, 0, List.of());
            }
            // A household a live writer holds right now is skipped, not waited for: the next call picks it up.
            List<?> locked = em.createNativeQuery("SELECT id FROM household WHERE id IN (:ids) ORDER BY id FOR UPDATE SKIP LOCKED")
                    .setParameter("ids", households).getResultList();
            int rekeyed = 0;
            List<Skipped> skipped = new ArrayList<>();
            if (!locked.isEmpty()) {
                @SuppressWarnings("unchecked")
                List<Object[]> rows = withActiveKeys(em.createNativeQuery("SELECT id, national_id_key, national_id_cipher, national_id_hash,"
                        + " national_id_hash_key"
                        + " FROM member WHERE household_id IN (:ids) AND" + stale("") + " ORDER BY id"))
                        .setParameter("ids", locked).getResultList();
                for (Object[] row : rows) {
                    UUID member = (UUID) row[0];
                    SkipReason reason = rekeyMember(member, (String) row[1], (byte[]) row[2], (String) row[3], (String) row[4]);
                    if (reason == null) {
                        rekeyed++;
                    } else {
                        skipped.add(new Skipped("member", member.toString(), reason));
                    }
                }
            }
            return new Batch<>((UUID) households.get(households.size() - 1), rekeyed, skipped);
        });
    }

    private SkipReason rekeyMember(UUID member, String keyId, byte[] cipher, String oldHash, String oldHashKey) {
        NationalId id;
        try {
            id = vault.decrypt(keyId, cipher);
        } catch (UnreadableNationalIdException e) {
            return SkipReason.UNREADABLE;
        }
        String hash = vault.hash(id);
        // The hash stays unique throughout: a row whose new hash another member already holds is the same person twice,
        // left for a case worker rather than written over the constraint.
        if (!hash.equals(oldHash) && !em.createNativeQuery("SELECT 1 FROM member WHERE national_id_hash = :hash AND id <> :id")
                .setParameter("hash", hash).setParameter("id", member).getResultList().isEmpty()) {
            return SkipReason.DUPLICATE_HASH;
        }
        em.createNativeQuery("""
                UPDATE member SET national_id_cipher = :cipher, national_id_key = :key, national_id_hash = :hash,
                    national_id_hash_key = :hashKey WHERE id = :id""")
                .setParameter("cipher", vault.encrypt(id)).setParameter("key", vault.encryptionKeyId()).setParameter("hash", hash)
                .setParameter("hashKey", vault.hashKeyId()).setParameter("id", member).executeUpdate();
        if (!hash.equals(oldHash)) {
            claims.rekeyed(member, oldHashKey, oldHash, vault.hashKeyId(), hash, AuditTrail.currentActor());
        }
        return null;
    }

    /** The next stale unmatched reports after {@code after}, locked; rows a live transaction holds are skipped this time. */
    private Batch<String> reportBatch(String area, String after) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = withActiveKeys(em.createNativeQuery("""
                    SELECT event_id, national_id_key, national_id_cipher FROM unmatched_report
                    WHERE district_code LIKE :area AND event_id > :after AND""" + stale("")
                    + " ORDER BY event_id LIMIT :n FOR UPDATE SKIP LOCKED"))
                    .setParameter("area", area + "%").setParameter("after", after).setParameter("n", REPORTS_PER_TRANSACTION)
                    .getResultList();
            if (rows.isEmpty()) {
                return new Batch<>(null, 0, List.of());
            }
            int rekeyed = 0;
            List<Skipped> skipped = new ArrayList<>();
            for (Object[] row : rows) {
                String event = (String) row[0];
                NationalId id;
                try {
                    id = vault.decrypt((String) row[1], (byte[]) row[2]);
                } catch (UnreadableNationalIdException e) {
                    skipped.add(new Skipped("unmatched_report", event, SkipReason.UNREADABLE));
                    continue;
                }
                em.createNativeQuery("""
                        UPDATE unmatched_report SET national_id_cipher = :cipher, national_id_key = :key, national_id_hash = :hash,
                            national_id_hash_key = :hashKey WHERE event_id = :event""")
                        .setParameter("cipher", vault.encrypt(id)).setParameter("key", vault.encryptionKeyId())
                        .setParameter("hash", vault.hash(id)).setParameter("hashKey", vault.hashKeyId()).setParameter("event", event)
                        .executeUpdate();
                rekeyed++;
            }
            return new Batch<>((String) rows.get(rows.size() - 1)[0], rekeyed, skipped);
        });
    }

    /** The condition of a row not yet under both active keys (bound by {@link #withActiveKeys}); {@code alias} is "m." or "". */
    private static String stale(String alias) {
        return " (" + alias + "national_id_key <> :key OR " + alias + "national_id_hash_key <> :hashKey)";
    }

    private Query withActiveKeys(Query query) {
        return query.setParameter("key", vault.encryptionKeyId()).setParameter("hashKey", vault.hashKeyId());
    }

    private long remaining(String sql, String area) {
        return ((Number) withActiveKeys(em.createNativeQuery(sql)).setParameter("area", area + "%").getSingleResult()).longValue();
    }

    /** Rows of the area by key id, as [members, unmatched reports]. */
    private Map<String, long[]> count(String column, String area) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> members = em.createNativeQuery("SELECT m." + column + ", count(*) FROM member m JOIN household h ON h.id = m.household_id"
                + " WHERE h.district_code LIKE :area GROUP BY 1 ORDER BY 1").setParameter("area", area + "%").getResultList();
        members.forEach(r -> counts.computeIfAbsent((String) r[0], id -> new long[2])[0] = ((Number) r[1]).longValue());
        @SuppressWarnings("unchecked")
        List<Object[]> reports = em.createNativeQuery("SELECT " + column + ", count(*) FROM unmatched_report"
                + " WHERE district_code LIKE :area GROUP BY 1 ORDER BY 1").setParameter("area", area + "%").getResultList();
        reports.forEach(r -> counts.computeIfAbsent((String) r[0], id -> new long[2])[1] = ((Number) r[1]).longValue());
        return counts;
    }

    /** The ring's keys (active first), then any key the rows name that the ring no longer holds. */
    private static List<KeyUse> uses(Map<String, NationalIdSuite> ring, String active, Map<String, long[]> counts) {
        List<KeyUse> uses = new ArrayList<>();
        ring.forEach((id, suite) -> {
            long[] n = counts.getOrDefault(id, new long[2]);
            uses.add(new KeyUse(id, suite, id.equals(active), true, n[0], n[1]));
        });
        counts.forEach((id, n) -> {
            if (!ring.containsKey(id)) {
                uses.add(new KeyUse(id, null, false, false, n[0], n[1]));
            }
        });
        return uses;
    }
}
