package io.wanjia.household.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.outbox.Outbox;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.identity.IdentityClaimed;
import io.wanjia.contracts.identity.IdentityReleased;
import io.wanjia.household.DuplicateReview;
import io.wanjia.household.Member;
import io.wanjia.household.config.HouseholdConfig;

/**
 * This deployment's part in the city's identity claims (README, "Identity across a city"): it claims every member it
 * holds and releases those it removes, through the outbox, on the topic every household-service of the city shares; it
 * reads that topic (its own claims included) into {@code identity_claim}; it refuses to register a person another
 * deployment holds; and where two deployments hold one person, each puts the pair in its duplicate review queue.
 *
 * <p>Both sides find a race deterministically: whichever claim a deployment reads second, its own or the other's, finds
 * the first, because its own claim is only published once its member is committed and claims of one person are read
 * under one lock.
 */
@ApplicationScoped
public class IdentityClaims {

    /** The inbox consumer name for identity claims. */
    public static final String CONSUMER = "identity-claims";
    private static final Logger LOG = Logger.getLogger(IdentityClaims.class);

    /** Another deployment's claim on a person. */
    public record Claim(String deployment, String districtCode, UUID memberId) {
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

    /** This deployment's name in the claims. */
    public String deployment() {
        return config.identity().deployment();
    }

    /** Claims {@code member} (persisted, with its household) in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void claim(Member member) {
        outbox.publish(IdentityClaimed.key(member.nationalIdHashKey, member.nationalIdHash, deployment()), new IdentityClaimed(
                member.nationalIdHashKey, member.nationalIdHash, deployment(), member.household.districtCode, member.id));
        member.claimPublished = true;
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
    public void rekeyed(UUID memberId, String oldKeyId, String oldHash, String keyId, String hash) {
        String district = (String) em.createNativeQuery("SELECT h.district_code FROM member m JOIN household h ON h.id = m.household_id"
                + " WHERE m.id = ?1").setParameter(1, memberId).getSingleResult();
        outbox.publish(IdentityClaimed.key(oldKeyId, oldHash, deployment()),
                new IdentityReleased(oldKeyId, oldHash, deployment(), district, memberId, "REKEYED"));
        outbox.publish(IdentityClaimed.key(keyId, hash, deployment()), new IdentityClaimed(keyId, hash, deployment(), district, memberId));
        em.createNativeQuery("UPDATE member SET claim_published = true WHERE id = ?1").setParameter(1, memberId).executeUpdate();
    }

    /** Another deployment's live claim on a person with one of these hashes (one per hash key of the ring). */
    public Optional<Claim> heldElsewhere(List<String> hashes) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT deployment, district_code, member_id FROM identity_claim
                WHERE hash IN (?1) AND held AND deployment <> ?2 ORDER BY stated_at, deployment LIMIT 1""")
                .setParameter(1, hashes).setParameter(2, deployment()).getResultList();
        return rows.stream().findFirst().map(r -> new Claim((String) r[0], (String) r[1], (UUID) r[2]));
    }

    /** Which of {@code hashes} another deployment holds. */
    public Set<String> heldElsewhereAmong(Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> found = em.createNativeQuery("SELECT hash FROM identity_claim WHERE hash IN (?1) AND held AND deployment <> ?2")
                .setParameter(1, hashes).setParameter(2, deployment()).getResultList();
        return new HashSet<>(found.stream().map(String::trim).toList());
    }

    /** Applies one claim or release read from the city's topic, in the inbox's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CloudEvent event) throws Exception {
        Instant at = event.time() == null ? clock.instant() : event.time();
        switch (EventType.ofType(event.type()).orElseThrow()) { // the inbox checked it against the contract
            case IDENTITY_CLAIMED -> {
                IdentityClaimed claimed = json.treeToValue(event.data(), IdentityClaimed.class);
                stated(claimed.hashKeyId(), claimed.hash(), claimed.deployment(), claimed.districtCode(), claimed.memberId(), true, at);
            }
            case IDENTITY_RELEASED -> {
                IdentityReleased released = json.treeToValue(event.data(), IdentityReleased.class);
                stated(released.hashKeyId(), released.hash(), released.deployment(), released.districtCode(), released.memberId(), false, at);
            }
            default -> {
            }
        }
    }

    private void stated(String keyId, String hash, String deployment, String districtCode, UUID memberId, boolean held, Instant at) {
        // One person's claims are read one at a time, so two deployments' claims read at once still find each other.
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, hash).getSingleResult();
        em.createNativeQuery("""
                INSERT INTO identity_claim (hash_key_id, hash, deployment, district_code, member_id, held, stated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT (hash, hash_key_id, deployment) DO UPDATE SET district_code = excluded.district_code,
                    member_id = excluded.member_id, held = excluded.held, stated_at = excluded.stated_at
                WHERE identity_claim.stated_at <= excluded.stated_at""")
                .setParameter(1, keyId).setParameter(2, hash).setParameter(3, deployment).setParameter(4, districtCode)
                .setParameter(5, memberId).setParameter(6, held).setParameter(7, at).executeUpdate();
        if (deployment.equals(deployment())) {
            Member mine = Member.findById(memberId);
            if (held && mine != null && hash.equals(mine.nationalIdHash)) {
                othersHolding(keyId, hash).forEach(other -> review(mine, other));
            }
        } else if (held) {
            Member mine = Member.find("nationalIdHash = ?1 and nationalIdHashKey = ?2", hash, keyId).firstResult();
            if (mine != null) {
                review(mine, new Claim(deployment, districtCode, memberId));
            }
        } else {
            close(DuplicateReview.<DuplicateReview>list("otherDeployment = ?1 and otherMemberId = ?2 and status = ?3", deployment, memberId,
                    DuplicateReview.Status.OPEN), DuplicateReview.Status.RESOLVED_ELSEWHERE, "district " + districtCode,
                    "the other district released its registration");
        }
    }

    private List<Claim> othersHolding(String keyId, String hash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT deployment, district_code, member_id FROM identity_claim
                WHERE hash = ?1 AND hash_key_id = ?2 AND held AND deployment <> ?3""")
                .setParameter(1, hash).setParameter(2, keyId).setParameter(3, deployment()).getResultList();
        return rows.stream().map(r -> new Claim((String) r[0], (String) r[1], (UUID) r[2])).toList();
    }

    /** Puts the pair in the queue once; a pair already there (open or resolved) stays as it is. */
    private void review(Member mine, Claim other) {
        int added = em.createNativeQuery("""
                INSERT INTO duplicate_review (id, household_id, member_id, district_code, other_deployment, other_district_code,
                    other_member_id, found_at, status)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'OPEN') ON CONFLICT (member_id, other_deployment, other_member_id) DO NOTHING""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, mine.household.id).setParameter(3, mine.id)
                .setParameter(4, mine.household.districtCode).setParameter(5, other.deployment()).setParameter(6, other.districtCode())
                .setParameter(7, other.memberId()).setParameter(8, clock.instant()).executeUpdate();
        if (added > 0) {
            LOG.infof("duplicate review: member %s of household %s is also held by deployment %s (district %s)", mine.id,
                    mine.household.id, other.deployment(), other.districtCode());
        }
    }

    private void close(List<DuplicateReview> reviews, DuplicateReview.Status status, String by, String note) {
        for (DuplicateReview review : reviews) {
            review.status = status;
            review.resolvedAt = clock.instant();
            review.resolvedBy = by;
            review.note = note;
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
                members.forEach(this::claim);
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
