package io.wanjia.household.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.inbox.RejectedEventException;
import io.wanjia.commons.outbox.Outbox;
import io.wanjia.commons.tx.WriteBehind;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.identity.IdentityClaimed;
import io.wanjia.contracts.identity.IdentityReleased;
import io.wanjia.household.DuplicateReview;
import io.wanjia.household.Member;
import io.wanjia.household.config.HouseholdConfig;

/**
 * This deployment's part in the city's identity claims (README, "Identity across a city"): it claims every member it
 * holds and releases those it removes, through the outbox, on the topic every household-service of the city shares; it
 * reads the other deployments' claims from that topic into {@code identity_claim}; it refuses to register a person another
 * deployment holds; and where two deployments hold one person, each puts the pair in its duplicate review queue.
 *
 * <p>Both sides find a race deterministically. A transaction that claims a member meets, as it commits, the claims read so
 * far on that person; reading another deployment's claim meets the members committed here. Both take the person's lock
 * ({@code pg_advisory_xact_lock}, held to the commit), so whichever comes second sees what the first wrote. This
 * deployment's own claims are therefore not read back from the topic ({@link #isOurs}).
 */
@ApplicationScoped
public class IdentityClaims {

    /** The inbox consumer name for identity claims. */
    public static final String CONSUMER = "identity-claims";
    private static final Logger LOG = Logger.getLogger(IdentityClaims.class);
    /** Under which a transaction collects the members it claims, to meet the other deployments' claims at its commit. */
    private static final Object CLAIMED_HERE = new Object();
    /** The people's locks, taken in one statement in one order (by every path that takes more than one). */
    private static final String LOCK_ALL = """
            SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT hashtext(h) AS k FROM unnest(?::text[]) h ORDER BY 1) locks""";
    /** A deployment's latest word on a person, replacing the one before. */
    private static final String STORE = """
            INSERT INTO identity_claim (hash_key_id, hash, deployment, district_code, member_id, held, stated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (hash, hash_key_id, deployment) DO UPDATE SET district_code = excluded.district_code,
                member_id = excluded.member_id, held = excluded.held, stated_at = excluded.stated_at""";

    /** Another deployment's claim on a person: which member of which district, under which hash. */
    public record Claim(String deployment, String districtCode, UUID memberId, String hashKeyId, String hash) {
    }

    @Inject
    Outbox outbox;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    HouseholdConfig config;
    @Inject
    Clock clock;
    @Inject
    AuditTrail audit;
    @Inject
    DataSource dataSource;
    @Inject
    WriteBehind writes;
    @ConfigProperty(name = "wanjia.city-topic-prefix")
    Optional<String> cityTopicPrefix;

    /**
     * A deployment that shares a city's claims topic must have a name of its own: two districts both called {@code local}
     * would take each other's claims for their own and find no duplicate. The name must not change afterwards either (its
     * claims would stay held under the old one).
     */
    void requireNamed(@Observes StartupEvent start) {
        if (cityTopicPrefix.filter(p -> !p.isBlank()).isPresent() && "local".equals(deployment())) {
            throw new IllegalStateException("wanjia.city-topic-prefix is set but this deployment has no name: set WANJIA_DEPLOYMENT_AREA"
                    + " (wanjia.household.identity.deployment) to its area, e.g. 210102");
        }
    }

    /** This deployment's name in the claims. */
    public String deployment() {
        return config.identity().deployment();
    }

    /**
     * Claims {@code member} (new or stored, with its household) in the caller's transaction: publishes the claim, and at
     * the commit, once the member's row is written, meets the other deployments' claims on the person ({@code actor} is
     * who registered, for a duplicate review's audit entry).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void claim(Member member, String actor) {
        outbox.publish(IdentityClaimed.key(member.nationalIdHashKey, member.nationalIdHash, deployment()), new IdentityClaimed(
                member.nationalIdHashKey, member.nationalIdHash, deployment(), member.household.districtCode, member.id));
        member.claimPublished = true;
        meetAtCommit(new Held(member.id, member.nationalIdHash, member.household.id, member.household.districtCode), actor);
    }

    /**
     * Whether a record of the claims topic is this deployment's own (its key ends in {@code @deployment}): those are met when
     * they are made ({@link #claim}), so the consumer passes over them unread.
     */
    public boolean isOurs(String recordKey) {
        return recordKey != null && recordKey.endsWith("@" + deployment());
    }

    /** Members claimed in a transaction, with who claimed them: met together as it commits. */
    private record Claimed(Held member, String actor) {
    }

    private void meetAtCommit(Held member, String actor) {
        writes.collect(CLAIMED_HERE, ArrayList<Claimed>::new, this::meet).add(new Claimed(member, actor));
    }

    /**
     * Our members claimed in this transaction (their rows written) against the other deployments holding the same people:
     * under the people's locks, so a claim of theirs read at the same moment either is seen here or sees our member. Most
     * people are held nowhere else, which one query tells; only then are the members read again (one removed or re-keyed
     * later in the same transaction meets nobody).
     */
    private void meet(Connection connection, List<Claimed> claimed) throws SQLException {
        lock(connection, claimed.stream().map(c -> c.member().hash()).toList());
        Map<String, List<Claim>> others = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT deployment, district_code, member_id, hash_key_id, hash FROM identity_claim
                WHERE hash = ANY(?::text[]::bpchar[]) AND held AND deployment <> ?""")) {
            query.setArray(1, connection.createArrayOf("text", claimed.stream().map(c -> c.member().hash()).toArray()));
            query.setString(2, deployment());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Claim other = new Claim(rows.getString(1), rows.getString(2), rows.getObject(3, UUID.class), rows.getString(4),
                            rows.getString(5).trim());
                    others.computeIfAbsent(other.hash(), h -> new ArrayList<>()).add(other);
                }
            }
        }
        List<Claimed> met = claimed.stream().filter(c -> others.containsKey(c.member().hash())).toList();
        if (met.isEmpty()) {
            return;
        }
        Set<String> stillHere = new HashSet<>();
        members(connection, "m.id = ANY(?::uuid[])", "uuid", met.stream().map(c -> c.member().memberId()).toArray())
                .forEach(m -> stillHere.add(m.memberId() + "@" + m.hash()));
        for (Claimed c : met) {
            if (stillHere.contains(c.member().memberId() + "@" + c.member().hash())) {
                for (Claim other : others.get(c.member().hash())) {
                    review(connection, c.member(), other, c.actor());
                }
            }
        }
    }

    private static void lock(Connection connection, List<String> hashes) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_ALL)) {
            lock.setArray(1, connection.createArrayOf("text", hashes.toArray()));
            lock.executeQuery().close();
        }
    }

    /**
     * Releases {@code member}'s claim in the caller's transaction, and closes its open reviews: once the member is gone
     * here, the other district holds the person alone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(Member member, String reason, String by) {
        outbox.publish(IdentityClaimed.key(member.nationalIdHashKey, member.nationalIdHash, deployment()), new IdentityReleased(
                member.nationalIdHashKey, member.nationalIdHash, deployment(), member.household.districtCode, member.id, reason));
        close(DuplicateReview.<DuplicateReview>list("memberId = ?1 and status = ?2", member.id, DuplicateReview.Status.OPEN),
                DuplicateReview.Status.REMOVED_HERE, by, "the member was removed here");
    }

    /**
     * A member re-keyed under the ring's active hash key: its claim under the old hash is released and the claim under
     * the new one published (the city's districts rotate their shared hash key together; README, "Identity across a city").
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rekeyed(UUID memberId, String oldKeyId, String oldHash, String keyId, String hash, String actor) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT h.district_code, h.id FROM member m JOIN household h"
                + " ON h.id = m.household_id WHERE m.id = ?1").setParameter(1, memberId).getSingleResult();
        String district = (String) row[0];
        outbox.publish(IdentityClaimed.key(oldKeyId, oldHash, deployment()),
                new IdentityReleased(oldKeyId, oldHash, deployment(), district, memberId, "REKEYED"));
        outbox.publish(IdentityClaimed.key(keyId, hash, deployment()), new IdentityClaimed(keyId, hash, deployment(), district, memberId));
        em.createNativeQuery("UPDATE member SET claim_published = true WHERE id = ?1").setParameter(1, memberId).executeUpdate();
        meetAtCommit(new Held(memberId, hash, (UUID) row[1], district), actor);
    }

    /** Another deployment's live claim on a person with one of these hashes (one per hash key of the ring). */
    public Optional<Claim> heldElsewhere(List<String> hashes) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT deployment, district_code, member_id, hash_key_id, hash FROM identity_claim
                WHERE hash IN (?1) AND held AND deployment <> ?2 ORDER BY stated_at, deployment LIMIT 1""")
                .setParameter(1, hashes).setParameter(2, deployment()).getResultList();
        return rows.stream().findFirst().map(IdentityClaims::claim);
    }

    /**
     * Which of {@code hashes} another deployment holds: one array parameter, so a ledger batch's few hundred hashes are
     * not a statement of as many parameters to plan each time.
     */
    public Set<String> heldElsewhereAmong(Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT hash FROM identity_claim WHERE hash = ANY(?::text[]::bpchar[]) AND held AND deployment <> ?")) {
            query.setArray(1, connection.createArrayOf("text", hashes.toArray()));
            query.setString(2, deployment());
            Set<String> found = new HashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1).trim());
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the other deployments' claims", e);
        }
    }

    /**
     * Applies one claim or release read from the city's topic, in the inbox's transaction. This deployment's own are met
     * when made and change nothing here (the consumer passes over them unread: {@link #isOurs}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CloudEvent event) throws Exception {
        String actor = AuditTrail.actorOf(event);
        switch (EventType.ofType(event.type()).orElseThrow()) { // the inbox checked it against the contract
            case IDENTITY_CLAIMED -> {
                IdentityClaimed claimed = json.treeToValue(event.data(), IdentityClaimed.class);
                requireKey(event, claimed.hashKeyId(), claimed.hash(), claimed.deployment());
                if (!claimed.deployment().equals(deployment())) {
                    held(List.of(new Stated(claimed, event.time(), actor)));
                }
            }
            case IDENTITY_RELEASED -> {
                IdentityReleased released = json.treeToValue(event.data(), IdentityReleased.class);
                requireKey(event, released.hashKeyId(), released.hash(), released.deployment());
                if (!released.deployment().equals(deployment())) {
                    released(released, event.time(), actor);
                }
            }
            default -> {
            }
        }
    }

    /**
     * Applies a polled batch in the inbox's transaction, with the outcome {@link #apply} gives one by one: a run of claims
     * of distinct people is stored and matched together (a handful of statements for the run, not four per claim); a
     * release, or a person met again in the batch, ends the run and is applied alone, so one person's statements keep
     * their order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyAll(List<CloudEvent> events) throws Exception {
        // Every person of the batch locked first, in one statement and one order: a claiming commit takes its people's
        // locks in that order too ({@link #meet}), so the two never wait for each other in a cycle.
        try (Connection connection = dataSource.getConnection()) {
            lock(connection, events.stream().map(event -> event.data().path("hash").asText()).distinct().toList());
        }
        List<Stated> run = new ArrayList<>();
        Set<String> people = new HashSet<>();
        for (CloudEvent event : events) {
            if (EventType.ofType(event.type()).orElseThrow() == EventType.IDENTITY_CLAIMED) {
                IdentityClaimed claimed = json.treeToValue(event.data(), IdentityClaimed.class);
                requireKey(event, claimed.hashKeyId(), claimed.hash(), claimed.deployment());
                if (claimed.deployment().equals(deployment())) {
                    continue; // met when it was made
                }
                if (people.add(claimed.hash())) {
                    run.add(new Stated(claimed, event.time(), AuditTrail.actorOf(event)));
                    continue;
                }
            }
            held(run);
            run.clear();
            people.clear();
            apply(event);
        }
        held(run);
    }

    /** A claim read from the topic, with when it was stated and by whom. */
    private record Stated(IdentityClaimed claim, Instant at, String actor) {
    }

    /**
     * Stores other deployments' claims of distinct people and matches them against our members, set-based. Matched on the
     * hash alone (64 hex digits of HMAC): a district that hashes under the city's key with another id is still matched.
     */
    private void held(List<Stated> run) throws SQLException {
        if (run.isEmpty()) {
            return;
        }
        em.flush();
        Map<String, Stated> theirs = new HashMap<>();
        run.forEach(stated -> theirs.put(stated.claim().hash(), stated));
        try (Connection connection = dataSource.getConnection()) {
            storeAll(connection, run);
            matchTheirs(connection, theirs);
        }
    }

    /** {@link #store} for claims of distinct people: their locks in one statement, in one order, then one JDBC batch. */
    private void storeAll(Connection connection, List<Stated> run) throws SQLException {
        lock(connection, run.stream().map(s -> s.claim().hash()).toList());
        try (PreparedStatement store = connection.prepareStatement(STORE)) {
            for (Stated stated : run) {
                IdentityClaimed claim = stated.claim();
                store.setString(1, claim.hashKeyId());
                store.setString(2, claim.hash());
                store.setString(3, claim.deployment());
                store.setString(4, claim.districtCode());
                store.setObject(5, claim.memberId());
                store.setBoolean(6, true);
                store.setTimestamp(7, Timestamp.from(stated.at() == null ? clock.instant() : stated.at()));
                store.addBatch();
            }
            store.executeBatch();
        }
    }

    /**
     * Other deployments' claims, by hash: a member of ours with that hash is a duplicate, unless its household was released
     * to the claiming deployment (it is registered there before this one closes its record).
     */
    private void matchTheirs(Connection connection, Map<String, Stated> theirs) throws SQLException {
        List<Held> found = theirs.isEmpty() ? List.of() : members(connection, "m.national_id_hash = ANY(?::text[])", "text",
                theirs.keySet().toArray());
        Set<String> releasedTo = new HashSet<>();
        if (!found.isEmpty()) {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT household_id, to_deployment FROM household_transfer
                    WHERE household_id = ANY(?::uuid[]) AND direction = 'OUT' AND status = 'RELEASED'""")) {
                query.setArray(1, connection.createArrayOf("uuid", found.stream().map(Held::householdId).toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        releasedTo.add(rows.getObject(1, UUID.class) + "@" + rows.getString(2));
                    }
                }
            }
        }
        for (Held member : found) {
            Stated stated = theirs.get(member.hash());
            IdentityClaimed claim = stated.claim();
            if (!releasedTo.contains(member.householdId() + "@" + claim.deployment())) {
                review(connection, member, new Claim(claim.deployment(), claim.districtCode(), claim.memberId(), claim.hashKeyId(),
                        claim.hash()), stated.actor());
            }
        }
    }

    /** A member of this deployment as a claim meets it: which member, under which hash, of which household and district. */
    private record Held(UUID memberId, String hash, UUID householdId, String districtCode) {
    }

    private static List<Held> members(Connection connection, String where, String type, Object[] values) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT m.id, m.national_id_hash, m.household_id, h.district_code FROM member m JOIN household h ON h.id = m.household_id
                """ + "WHERE " + where)) {
            query.setArray(1, connection.createArrayOf(type, values));
            List<Held> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(new Held(rows.getObject(1, UUID.class), rows.getString(2), rows.getObject(3, UUID.class), rows.getString(4)));
                }
            }
            return found;
        }
    }

    /** A claim's record key is what its data says: compaction keeps one record per person and deployment only so. */
    private static void requireKey(CloudEvent event, String keyId, String hash, String deployment) {
        if (!IdentityClaimed.key(keyId, hash, deployment).equals(event.key())) {
            throw new RejectedEventException("key", "key must be hashKeyId:hash@deployment of the data");
        }
    }

    private void released(IdentityReleased release, Instant at, String actor) {
        store(release.hashKeyId(), release.hash(), release.deployment(), release.districtCode(), release.memberId(), false, at);
        // A re-keying releases the old hash and claims the new one (in either order): the other district still holds the
        // person. Reviews close only once it holds its member under no claim at all.
        boolean stillHeld = !em.createNativeQuery("SELECT 1 FROM identity_claim WHERE deployment = ?1 AND member_id = ?2 AND held")
                .setParameter(1, release.deployment()).setParameter(2, release.memberId()).getResultList().isEmpty();
        if (release.deployment().equals(deployment()) || "REKEYED".equals(release.reason()) || stillHeld) {
            return;
        }
        close(DuplicateReview.<DuplicateReview>list("otherDeployment = ?1 and otherMemberId = ?2 and status = ?3", release.deployment(),
                release.memberId(), DuplicateReview.Status.OPEN), DuplicateReview.Status.RESOLVED_ELSEWHERE, actor,
                "the other district released its registration");
    }

    /**
     * The deployment's latest word on the person, in the topic's order (one key, one partition): no clock decides, so a
     * release stamped by a clock behind its claim's still ends it. One person's claims are read one at a time, so two
     * deployments' claims read at once still find each other.
     */
    private void store(String keyId, String hash, String deployment, String districtCode, UUID memberId, boolean held, Instant at) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, hash).getSingleResult();
        em.createNativeQuery(STORE).setParameter(1, keyId).setParameter(2, hash).setParameter(3, deployment).setParameter(4, districtCode)
                .setParameter(5, memberId).setParameter(6, held).setParameter(7, at == null ? clock.instant() : at).executeUpdate();
    }

    private static Claim claim(Object[] row) {
        return new Claim((String) row[0], (String) row[1], (UUID) row[2], (String) row[3], ((String) row[4]).trim());
    }

    /**
     * The people of a household that moved here from {@code fromDeployment} (issue #18) are held here now: its claims on
     * them are taken as released at once, as its release (on its way on the topic) will say. Neither the arrival's own
     * claims, met as it commits, nor a registration here then sees the pair as a duplicate. The people are locked in one
     * statement, in the order every other path takes them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void movedHere(String fromDeployment, Collection<String> hashes) {
        try (Connection connection = dataSource.getConnection()) {
            lock(connection, List.copyOf(hashes));
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock the people who moved here", e);
        }
        em.createNativeQuery("UPDATE identity_claim SET held = false WHERE deployment = ?1 AND hash IN (?2)")
                .setParameter(1, fromDeployment).setParameter(2, hashes).executeUpdate();
    }

    /**
     * Puts the pair in the queue once (audited); a pair already there, open or resolved, stays as it is. On the caller's
     * connection: it also runs as a claiming transaction commits, after Hibernate's flush.
     */
    private void review(Connection connection, Held mine, Claim other, String actor) throws SQLException {
        UUID id = UUID.randomUUID();
        int added;
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO duplicate_review (id, household_id, member_id, district_code, other_deployment, other_district_code,
                    other_member_id, found_at, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN') ON CONFLICT (member_id, other_deployment, other_member_id) DO NOTHING""")) {
            insert.setObject(1, id);
            insert.setObject(2, mine.householdId());
            insert.setObject(3, mine.memberId());
            insert.setString(4, mine.districtCode());
            insert.setString(5, other.deployment());
            insert.setString(6, other.districtCode());
            insert.setObject(7, other.memberId());
            insert.setTimestamp(8, Timestamp.from(clock.instant()));
            added = insert.executeUpdate();
        }
        if (added > 0) {
            audit.recordAtCommit(actor, "duplicate-review", id, "DUPLICATE_FOUND", null, Map.of("memberId", mine.memberId(),
                    "householdId", mine.householdId(), "otherDistrictCode", other.districtCode(), "otherMemberId", other.memberId()));
            LOG.infof("duplicate review: member %s of household %s is also held by deployment %s (district %s)", mine.memberId(),
                    mine.householdId(), other.deployment(), other.districtCode());
        }
    }

    /** Closes reviews (locked first, so a caseworker's resolution and this one do not both win), audited. */
    private void close(List<DuplicateReview> reviews, DuplicateReview.Status status, String actor, String note) {
        for (DuplicateReview review : reviews) {
            em.lock(review, LockModeType.PESSIMISTIC_WRITE);
            em.refresh(review);
            if (review.status != DuplicateReview.Status.OPEN) {
                continue;
            }
            review.status = status;
            review.resolvedAt = clock.instant();
            review.resolvedBy = actor;
            review.note = note;
            audit.recordAtCommit(actor, "duplicate-review", review.id, "CLOSE_DUPLICATE", Map.of("status", "OPEN"),
                    Map.of("status", status.name(), "note", note));
        }
    }

    @Scheduled(every = "5m", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPublishMissingClaims() {
        publishMissingClaims();
    }

    /**
     * Publishes the claims of members that have none on the outbox yet, a batch per transaction: members registered
     * before claims existed, and rows a bulk COPY wrote. At start and every few minutes; replicas skip each other's rows.
     * Returns how many it published.
     */
    public int publishMissingClaims() {
        int published;
        int total = 0;
        do {
            published = QuarkusTransaction.requiringNew().call(() -> {
                @SuppressWarnings("unchecked")
                List<UUID> ids = em.createNativeQuery("""
                        SELECT id FROM member WHERE NOT claim_published ORDER BY id LIMIT ?1 FOR UPDATE SKIP LOCKED""", UUID.class)
                        .setParameter(1, config.identity().publishBatch()).getResultList();
                List<Member> members = ids.isEmpty() ? List.of()
                        : em.createQuery("select m from Member m join fetch m.household where m.id in :ids", Member.class)
                                .setParameter("ids", ids).getResultList();
                members.forEach(member -> claim(member, "system"));
                return members.size();
            });
            total += published;
        } while (published == config.identity().publishBatch());
        if (total > 0) {
            LOG.infof("published the identity claims of %d member(s) that had none", total);
        }
        return total;
    }
}
