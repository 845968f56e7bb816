package io.wanjia.household.service;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.household.DuplicateReview;

/**
 * The duplicate review queue (README, "Identity across a city"): people this deployment holds whom another district of
 * the city holds too. A caseworker of the member's district decides which registration stays; nothing is merged.
 */
@ApplicationScoped
public class DuplicateReviews {

    /** What a caseworker decides for a person registered in two districts. */
    public enum Decision {
        /** The person lives here: keep this registration; the other district is to remove its own. */
        KEEP_HERE,
        /** The person belongs to the other district: remove the member from the household here (its claim is released). */
        REMOVE_HERE
    }

    @Inject
    HouseholdRegister register;
    @Inject
    AreaScope scope;
    @Inject
    AuditTrail audit;
    @Inject
    Clock clock;
    @Inject
    EntityManager em;

    /** Reviews in the caller's area, in one status (all when null), oldest first. */
    public List<DuplicateReview> list(DuplicateReview.Status status, int page, int size) {
        return query(status).page(Page.of(page, size)).list();
    }

    /** How many reviews {@link #list} pages through. */
    public long count(DuplicateReview.Status status) {
        return query(status).count();
    }

    private io.quarkus.hibernate.orm.panache.PanacheQuery<DuplicateReview> query(DuplicateReview.Status status) {
        return status == null
                ? DuplicateReview.find("districtCode like ?1", Sort.by("foundAt").and("id"), scope.likePattern())
                : DuplicateReview.find("districtCode like ?1 and status = ?2", Sort.by("foundAt").and("id"), scope.likePattern(), status);
    }

    /** One review in the caller's area, or 404. */
    public DuplicateReview get(UUID id) {
        DuplicateReview review = DuplicateReview.findById(id);
        if (review == null) {
            throw ProblemException.notFound("duplicate review", id);
        }
        scope.require(review.districtCode, "duplicate review", id);
        return review;
    }

    /** Resolves an open review as decided, with the caseworker's note; 409 once it is no longer open. */
    @Transactional
    public DuplicateReview resolve(UUID id, Decision decision, String note) {
        DuplicateReview review = get(id);
        em.lock(review, LockModeType.PESSIMISTIC_WRITE); // against another resolution, or the other district's release
        em.refresh(review);
        if (review.status != DuplicateReview.Status.OPEN) {
            throw ProblemException.conflict("status", "open", "the review is " + review.status + " already");
        }
        Map<String, Object> before = Map.of("status", review.status.name());
        if (decision == Decision.REMOVE_HERE) {
            register.removeMember(review.householdId, review.memberId); // releases the claim and closes this review
        }
        review.status = decision == Decision.KEEP_HERE ? DuplicateReview.Status.KEPT_HERE : DuplicateReview.Status.REMOVED_HERE;
        review.resolvedAt = clock.instant();
        review.resolvedBy = scope.subject();
        review.note = note.strip();
        audit.record("duplicate-review", review.id, "RESOLVE_DUPLICATE", before, Map.of("status", review.status.name(),
                "decision", decision.name(), "note", review.note));
        return review;
    }
}
