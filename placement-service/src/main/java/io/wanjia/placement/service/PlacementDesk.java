package io.wanjia.placement.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.outbox.Outbox;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.query.Where;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.contracts.placement.MemberPlaced;
import io.wanjia.contracts.placement.OfferDeclined;
import io.wanjia.contracts.placement.OfferMade;
import io.wanjia.contracts.placement.PlacementEnded;
import io.wanjia.placement.Candidate;
import io.wanjia.placement.FollowUp;
import io.wanjia.placement.JobPost;
import io.wanjia.placement.Offer;
import io.wanjia.placement.Placement;
import io.wanjia.placement.config.PlacementConfig;
import io.wanjia.placement.rest.PlacementRequests.Accept;
import io.wanjia.placement.rest.PlacementRequests.Decline;
import io.wanjia.placement.rest.PlacementRequests.End;
import io.wanjia.placement.rest.PlacementRequests.FollowUpResult;
import io.wanjia.placement.rest.PlacementRequests.NewOffer;
import io.wanjia.placement.rest.PlacementViews.FollowUpView;
import io.wanjia.placement.rest.PlacementViews.OfferView;
import io.wanjia.placement.rest.PlacementViews.PlacementView;

/** Offers, placements and follow-up visits: each a transaction that writes, audits and publishes. */
@ApplicationScoped
public class PlacementDesk {

    @Inject
    Matching matching;
    @Inject
    JobPosts posts;
    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;
    @Inject
    AreaScope scope;
    @Inject
    PlacementConfig config;
    @Inject
    Clock clock;

    /** Offers an open post with an opening left to an active candidate. */
    @Transactional
    public Offer offer(NewOffer request) {
        Candidate candidate = matching.candidate(request.memberId());
        if (!candidate.active) {
            throw ProblemException.conflict("memberId", "active-candidate", "the member's household is no longer zero-employment");
        }
        JobPost post = posts.get(request.postId());
        if (!posts.offerableTo(post, candidate.districtCode)) {
            throw ProblemException.notFound("post", request.postId());
        }
        if (!post.open || post.openingsLeft() <= 0) {
            throw ProblemException.conflict("postId", "open-with-openings", "the post is closed or full");
        }
        Offer offer = new Offer();
        offer.id = UUID.randomUUID();
        offer.memberId = candidate.memberId;
        offer.householdId = candidate.householdId;
        offer.postId = post.id;
        offer.districtCode = candidate.districtCode;
        offer.status = Offer.Status.MADE;
        offer.madeOn = LocalDate.now(clock);
        offer.createdAt = clock.instant();
        offer.persist();
        outbox.publish(offer.householdId, new OfferMade(offer.id, offer.householdId, offer.districtCode, offer.memberId, post.id,
                post.kind, post.employer, post.monthlyWage, offer.madeOn));
        audit.record("offer", offer.id, "MAKE", null, OfferView.of(offer, null));
        return offer;
    }

    /** The member declines: published with the household's running count of refusals without reason. */
    @Transactional
    public Offer decline(UUID offerId, Decline request) {
        Offer offer = pendingOffer(offerId);
        offer.status = Offer.Status.DECLINED;
        offer.reason = request.reason();
        offer.reasonable = request.reasonable();
        offer.respondedOn = LocalDate.now(clock);
        int unreasonable = (int) Offer.count("householdId = ?1 and status = ?2 and reasonable = false and id <> ?3",
                offer.householdId, Offer.Status.DECLINED, offer.id) + (request.reasonable() ? 0 : 1);
        outbox.publish(offer.householdId, new OfferDeclined(offer.id, offer.householdId, offer.districtCode, offer.memberId,
                offer.postId, offer.reason, offer.reasonable, unreasonable, offer.respondedOn));
        audit.record("offer", offer.id, "DECLINE", null, OfferView.of(offer, null));
        return offer;
    }

    /**
     * The member accepts: the post is locked, an opening is taken (never more than there are: the loser of a
     * race for the last one gets 409), the placement starts and its follow-ups are scheduled.
     */
    @Transactional
    public Placement accept(UUID offerId, Accept request) {
        Offer offer = pendingOffer(offerId);
        JobPost post = posts.lockForAccept(offer.postId, offer.districtCode);
        if (!post.open || post.openingsLeft() <= 0) {
            throw ProblemException.conflict("postId", "opening-left", "the post has no opening left");
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate start = request == null || request.startDate() == null ? today : request.startDate();
        post.filled++;
        offer.status = Offer.Status.ACCEPTED;
        offer.respondedOn = today;
        Placement placement = new Placement();
        placement.id = UUID.randomUUID();
        placement.offerId = offer.id;
        placement.memberId = offer.memberId;
        placement.householdId = offer.householdId;
        placement.postId = post.id;
        placement.districtCode = offer.districtCode;
        placement.kind = post.kind;
        placement.employer = post.employer;
        placement.startDate = start;
        placement.monthlyWage = post.monthlyWage;
        placement.contractMonths = post.contractMonths;
        placement.socialInsurancePaid = post.socialInsurancePaid;
        placement.businessLicence = post.businessLicence;
        placement.status = Placement.Status.ACTIVE;
        placement.createdAt = clock.instant();
        placement.persist();
        for (int months : config.followUpMonths()) {
            FollowUp followUp = new FollowUp();
            followUp.id = UUID.randomUUID();
            followUp.placementId = placement.id;
            followUp.districtCode = placement.districtCode;
            followUp.monthsAfter = months;
            followUp.dueOn = start.plusMonths(months);
            followUp.persist();
        }
        outbox.publish(placement.householdId, new MemberPlaced(placement.id, placement.householdId, placement.districtCode,
                placement.memberId, post.id, post.kind, post.employer, start, post.monthlyWage, post.contractMonths,
                post.socialInsurancePaid, post.businessLicence, post.monthlyPostSubsidy, post.monthlySocialInsuranceSubsidy));
        audit.record("placement", placement.id, "START", null, PlacementView.of(placement));
        return placement;
    }

    /** The job was lost or left: the placement ends and its opening is free again. */
    @Transactional
    public Placement end(UUID placementId, End request) {
        Placement placement = activePlacement(placementId);
        LocalDate on = request.on() == null ? LocalDate.now(clock) : request.on();
        finish(placement, on, request.reason(), true);
        return placement;
    }

    /** A placement in the caller's area, or 404. */
    public Placement placement(UUID id) {
        Placement placement = Placement.findById(id);
        if (placement == null || !scope.covers(placement.districtCode)) {
            throw ProblemException.notFound("placement", id);
        }
        return placement;
    }

    /** An offer in the caller's area, or 404. */
    public Offer offerOf(UUID id) {
        Offer offer = Offer.findById(id);
        if (offer == null || !scope.covers(offer.districtCode)) {
            throw ProblemException.notFound("offer", id);
        }
        return offer;
    }

    /**
     * Offers of the caller's area, by status and household where given; newest first. A household's filter narrows the area,
     * never widens it: another area's household gives an empty page, the same as one without offers.
     */
    public List<Offer> offers(Offer.Status status, UUID householdId, int page, int size) {
        return offerQuery(status, householdId).page(page, size).list();
    }

    public long countOffers(Offer.Status status, UUID householdId) {
        return offerQuery(status, householdId).count();
    }

    /** The placement each of these offers led to, by offer id (an offer not accepted has none). */
    public Map<UUID, UUID> placementsOf(Collection<UUID> offerIds) {
        Map<UUID, UUID> placements = new HashMap<>();
        if (!offerIds.isEmpty()) {
            Placement.<Placement>list("offerId in ?1", offerIds).forEach(p -> placements.put(p.offerId, p.id));
        }
        return placements;
    }

    /** Placements of the caller's area, by household and whether they are active where given; newest first. */
    public List<Placement> placements(UUID householdId, Boolean active, int page, int size) {
        return placementQuery(householdId, active).page(page, size).list();
    }

    public long countPlacements(UUID householdId, Boolean active) {
        return placementQuery(householdId, active).count();
    }

    /** Follow-ups due by {@code by} (default today) and not yet recorded, in the caller's area, earliest first. */
    public List<FollowUpView> dueFollowUps(LocalDate by) {
        LocalDate until = by == null ? LocalDate.now(clock) : by;
        return FollowUp.<FollowUp>find("result is null and dueOn <= ?1 and districtCode like ?2 order by dueOn, id", until,
                scope.likePattern()).list().stream().map(FollowUpView::of).toList();
    }

    /**
     * Records a visit. LEFT ends the placement (published, the member is unemployed again); CHANGED_JOB closes
     * this placement without that event, as the member is still in work.
     */
    @Transactional
    public FollowUp recordFollowUp(UUID id, FollowUpResult request) {
        FollowUp followUp = FollowUp.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (followUp == null || !scope.covers(followUp.districtCode)) {
            throw ProblemException.notFound("follow-up", id);
        }
        if (followUp.result != null) {
            throw ProblemException.conflict("result", "not-recorded", "this follow-up was recorded already");
        }
        followUp.result = request.result();
        followUp.note = request.note();
        followUp.recordedAt = clock.instant();
        followUp.recordedBy = scope.subject();
        Placement placement = Placement.findById(followUp.placementId, LockModeType.PESSIMISTIC_WRITE);
        if (placement.status == Placement.Status.ACTIVE && request.result() != FollowUp.Result.STILL_EMPLOYED) {
            boolean left = request.result() == FollowUp.Result.LEFT;
            finish(placement, LocalDate.now(clock), left ? "left (follow-up)" : "changed job (follow-up)", left);
        }
        audit.record("follow-up", followUp.id, "RECORD", null, FollowUpView.of(followUp));
        return followUp;
    }

    private void finish(Placement placement, LocalDate on, String reason, boolean memberOutOfWork) {
        PlacementView before = PlacementView.of(placement);
        placement.status = Placement.Status.ENDED;
        placement.endedOn = on;
        placement.endReason = reason;
        JobPost post = JobPost.findById(placement.postId, LockModeType.PESSIMISTIC_WRITE);
        post.filled = Math.max(0, post.filled - 1);
        if (memberOutOfWork) {
            outbox.publish(placement.householdId, new PlacementEnded(placement.id, placement.householdId, placement.districtCode,
                    placement.memberId, on, reason));
        }
        audit.record("placement", placement.id, "END", before, PlacementView.of(placement));
    }

    private PanacheQuery<Offer> offerQuery(Offer.Status status, UUID householdId) {
        Where where = Where.of("districtCode like :area", "area", scope.likePattern())
                .and("status = :status", "status", status)
                .and("householdId = :household", "household", householdId);
        return Offer.find(where + " order by createdAt desc, id", where.params());
    }

    private PanacheQuery<Placement> placementQuery(UUID householdId, Boolean active) {
        Where where = Where.of("districtCode like :area", "area", scope.likePattern())
                .and("householdId = :household", "household", householdId)
                .and("status = :status", "status", active == null ? null : active ? Placement.Status.ACTIVE : Placement.Status.ENDED);
        return Placement.find(where + " order by createdAt desc, id", where.params());
    }

    private Offer pendingOffer(UUID id) {
        Offer offer = Offer.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (offer == null || !scope.covers(offer.districtCode)) {
            throw ProblemException.notFound("offer", id);
        }
        if (offer.status != Offer.Status.MADE) {
            throw ProblemException.conflict("status", "made", "the offer was " + offer.status.name().toLowerCase() + " already");
        }
        return offer;
    }

    private Placement activePlacement(UUID id) {
        Placement placement = placement(id);
        if (placement.status != Placement.Status.ACTIVE) {
            throw ProblemException.conflict("status", "active", "the placement has ended already");
        }
        return placement;
    }
}
