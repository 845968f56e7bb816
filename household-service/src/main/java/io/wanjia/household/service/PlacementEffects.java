package io.wanjia.household.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.placement.MemberPlaced;
import io.wanjia.contracts.placement.OfferDeclined;
import io.wanjia.contracts.placement.PlacementEnded;
import io.wanjia.household.Household;
import io.wanjia.household.Member;
import io.wanjia.household.config.HouseholdConfig;
import io.wanjia.household.domain.EmploymentFacts;
import io.wanjia.household.domain.EmploymentStatus;
import io.wanjia.household.domain.ExitReason;
import io.wanjia.household.domain.StableEmploymentRule;
import io.wanjia.household.domain.SituationChange;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What placement-service's events mean for the register: a placement employs the member (stable or not by
 * the rule), its end makes them unemployed again, and refused offers count toward the refusal exit.
 */
@ApplicationScoped
public class PlacementEffects {

    /** The inbox consumer name for placement events. */
    public static final String CONSUMER = "placement-events";
    private static final Logger LOG = Logger.getLogger(PlacementEffects.class);

    @Inject
    ObjectMapper json;
    @Inject
    EntityManager em;
    @Inject
    MinimumWages minimumWages;
    @Inject
    ZeroEmploymentTransitions transitions;
    @Inject
    HouseholdConfig config;
    @Inject
    AuditTrail audit;
    @Inject
    Clock clock;

    /** Applies one placement event in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CloudEvent event) throws Exception {
        EventType type = EventType.ofType(event.type()).orElseThrow(); // the inbox checked it against the contract
        String actor = AuditTrail.actorOf(event);
        switch (type) {
            case MEMBER_PLACED -> placed(json.treeToValue(event.data(), MemberPlaced.class), recordedOn(event), actor);
            case PLACEMENT_ENDED -> ended(json.treeToValue(event.data(), PlacementEnded.class), actor);
            case OFFER_DECLINED -> declined(json.treeToValue(event.data(), OfferDeclined.class), actor);
            default -> {
            }
        }
    }

    /** The day placement-service recorded an event (its CloudEvents time, in the platform's zone), or null without one. */
    private LocalDate recordedOn(CloudEvent event) {
        return event.time() == null ? null : event.time().atZone(clock.getZone()).toLocalDate();
    }

    private void placed(MemberPlaced placed, LocalDate recordedOn, String actor) {
        Member member = lockedMember(placed.memberId());
        if (member == null) {
            return;
        }
        Household household = member.household;
        AuditedState before = AuditedState.of(household, placed.startDate());
        EmploymentStatus status = StableEmploymentRule.judge(new EmploymentFacts(placed.kind(), placed.contractMonths(),
                placed.monthlyWage(), placed.socialInsurancePaid(), placed.businessLicence()), minimumWages.of(household.districtCode));
        if (transitions.change(household, member, new SituationChange.Placed(status, placed.startDate(), placed.placementId(), recordedOn,
                placed.kind()))) {
            audit.recordAtCommit(actor, "household", household.id, "PLACED", before, AuditedState.of(household, placed.startDate()));
        }
    }

    private void ended(PlacementEnded ended, String actor) {
        Member member = lockedMember(ended.memberId());
        if (member == null) {
            return; // a member of another deployment, or removed since
        }
        AuditedState before = AuditedState.of(member.household, ended.endedOn());
        // Applies only while that placement is still the member's situation (not after another job or a newer fact).
        if (transitions.change(member.household, member, new SituationChange.PlacementEnded(ended.placementId(), ended.endedOn()))) {
            audit.recordAtCommit(actor, "household", member.household.id, "PLACEMENT_ENDED", before,
                    AuditedState.of(member.household, ended.endedOn()));
        }
    }

    private void declined(OfferDeclined declined, String actor) {
        Household household = em.find(Household.class, declined.householdId(), LockModeType.PESSIMISTIC_WRITE);
        if (household == null || household.exited()) {
            return;
        }
        household.unreasonableRefusals = Math.max(household.unreasonableRefusals, declined.unreasonableRefusals());
        if (household.unreasonableRefusals >= config.refusalsBeforeExit()) {
            LocalDate on = declined.declinedOn();
            household.exitReason = ExitReason.REFUSED_OFFERS;
            household.exitNote = household.unreasonableRefusals + " suitable offers refused without reason";
            household.exitedOn = on;
            household.exitedBy = actor;
            transitions.exit(household, on);
            audit.recordAs(actor, "household", household.id, "EXIT", null,
                    java.util.Map.of("reason", ExitReason.REFUSED_OFFERS.name(), "refusals", household.unreasonableRefusals));
            LOG.infof("household %s exited after %d refusals", household.id, household.unreasonableRefusals);
        }
    }

    private Member lockedMember(UUID memberId) {
        Member member = Member.findById(memberId);
        if (member == null) {
            return null; // a member of another deployment, or removed since
        }
        em.find(Household.class, member.household.id, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(member);
        return member;
    }
}
