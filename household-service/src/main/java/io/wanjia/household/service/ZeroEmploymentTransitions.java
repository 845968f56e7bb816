package io.wanjia.household.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.wanjia.commons.outbox.Outbox;
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.GraduateRegistered;
import io.wanjia.contracts.household.MemberChanged;
import io.wanjia.contracts.household.MemberSummary;
import io.wanjia.contracts.household.HouseholdExited;
import io.wanjia.contracts.household.ZeroEmploymentEnded;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.household.Household;
import io.wanjia.household.Member;
import io.wanjia.household.config.HouseholdConfig;
import io.wanjia.household.domain.Cause;
import io.wanjia.household.domain.EmploymentStatus;
import io.wanjia.household.domain.GraduateRule;
import io.wanjia.household.domain.HouseholdStatus;
import io.wanjia.household.domain.MemberFacts;
import io.wanjia.household.domain.Situation;
import io.wanjia.household.domain.SituationChange;
import io.wanjia.household.domain.ZeroEmploymentRule;
import io.wanjia.household.domain.ZeroEmploymentRule.Decision;

/**
 * Where a household becomes, or stops being, zero-employment. Every change to a member's situation, whatever its
 * source, comes in by one door ({@link #change}): the situation moves by the domain's rule ({@link Situation#after}),
 * {@code member-changed} is published, and the zero-employment rule is applied on the change's business date; a
 * transition publishes {@code zero-employment-started} or {@code -ended} through the outbox, in the caller's
 * transaction, and opens the household's identification (认定) or ends the one it overtakes. The same decision finds the
 * members who became graduates in need (issue #17) and publishes {@code graduate-registered} for each, once per need.
 */
@ApplicationScoped
public class ZeroEmploymentTransitions {

    @Inject
    Outbox outbox;
    @Inject
    IdentificationDesk identifications;
    @Inject
    HouseholdConfig config;
    @Inject
    Clock clock;

    /**
     * The one door by which a member's employment situation changes: records the change, publishes
     * {@code member-changed} and decides again as of the change's date. Returns whether it applied (a stale report or
     * placement does not, and changes nothing).
     */
    public boolean change(Household household, Member member, SituationChange change) {
        if (!record(household, member, change)) {
            return false;
        }
        recompute(household, change.on(), change.cause(), change);
        return true;
    }

    /**
     * Records a change and publishes {@code member-changed} without deciding: for a caller that applies several and
     * then decides once (a registration with reports that waited for its members). Returns whether it applied.
     */
    public boolean record(Household household, Member member, SituationChange change) {
        Optional<Situation> next = member.situation().after(change);
        next.ifPresent(situation -> {
            member.moveTo(situation);
            memberChanged(household, member, "CHANGED", change.cause(), change.on(), change.recordedOn());
        });
        return next.isPresent();
    }

    /**
     * Applies the rule to {@code household} as of {@code businessDate} and publishes a transition if the
     * answer changed.
     */
    public void recompute(Household household, LocalDate businessDate, Cause cause) {
        recompute(household, businessDate, cause, null);
    }

    /**
     * {@link #recompute}, for the change that brought it (null where none): a placement's record date and kind are carried on
     * {@code -ended}.
     */
    private void recompute(Household household, LocalDate businessDate, Cause cause, SituationChange change) {
        if (household.exited()) {
            return;
        }
        Decision decision = ZeroEmploymentRule.decide(household.memberFacts(), businessDate);
        boolean was = household.status == HouseholdStatus.ZERO_EMPLOYMENT;
        if (decision.zeroEmployment() && !was) {
            LocalDate since = ZeroEmploymentRule.startedOn(counted(household, decision.counted()).map(m -> m.statusSince).toList(),
                    businessDate);
            household.status = HouseholdStatus.ZERO_EMPLOYMENT;
            household.zeroEmploymentSince = since;
            outbox.publish(household.id, new ZeroEmploymentStarted(household.id, household.districtCode, since,
                    household.cohort.name(), candidates(household, decision.counted(), since), household.movedBackOn));
            identifications.openByMonitoring(household, since);
        } else if (!decision.zeroEmployment() && was) {
            household.status = HouseholdStatus.NOT_ZERO_EMPLOYMENT;
            household.zeroEmploymentSince = null;
            outbox.publish(household.id, new ZeroEmploymentEnded(household.id, household.districtCode,
                    ZeroEmploymentEnded.Reason.valueOf(ZeroEmploymentRule.endReason(cause, decision.why()).name()), businessDate,
                    change == null ? null : change.recordedOn(),
                    change == null || change.channel() == null ? null : change.channel().name()));
            identifications.overtake(household, businessDate);
        }
        graduates(household, businessDate);
    }

    /**
     * Publishes {@code graduate-registered} for each member who became a graduate in need ({@link GraduateRule}) on
     * {@code businessDate}: once per need, kept on the member ({@code graduateNeedSince}), so deciding again publishes
     * nothing new; a member no longer in need loses the mark, and a later need (a job lost again within the recent period)
     * is a new one. What ends a need for deadline-monitor is the member's own {@code member-changed}. The need is judged as
     * the member stands now (today, or the change's date if later): a late report dated long ago must not find the member
     * "not yet graduated" or "no longer recent" on that old date and clear a need that holds today.
     */
    private void graduates(Household household, LocalDate businessDate) {
        var grounds = GraduateRule.grounds(household.minimumLivingAllowance, household.status == HouseholdStatus.ZERO_EMPLOYMENT);
        for (Member member : household.members) {
            boolean inNeed = inNeed(member, grounds, businessDate);
            if (inNeed && member.graduateNeedSince == null) {
                member.graduateNeedSince = businessDate;
                outbox.publish(household.id, new GraduateRegistered(household.id, household.districtCode, member.id, member.graduatedOn,
                        businessDate, household.cohort.name(),
                        grounds.stream().map(g -> GraduateRegistered.Ground.valueOf(g.name())).toList()));
            } else if (!inNeed) {
                member.graduateNeedSince = null;
            }
        }
    }

    /** Whether {@code member} is a graduate in need on {@code grounds}, judged as it stands now (above). */
    private boolean inNeed(Member member, java.util.Set<GraduateRule.Ground> grounds, LocalDate businessDate) {
        LocalDate today = LocalDate.now(clock);
        LocalDate judgedOn = businessDate.isAfter(today) ? businessDate : today;
        return GraduateRule.inNeed(member.facts(), member.graduatedOn, grounds, judgedOn, config.graduateRecentFor());
    }

    /**
     * Whether {@link #recompute} would change anything of {@code household} on {@code businessDate}: a transition, or a
     * member who becomes or stops being a graduate in need. A ledger import decides only the households that would
     * ({@code HouseholdRegister.registerAll}); the others are written as they were given.
     */
    public boolean wouldChange(Household household, LocalDate businessDate) {
        if (household.exited()) {
            return false;
        }
        boolean zeroEmployment = ZeroEmploymentRule.decide(household.memberFacts(), businessDate).zeroEmployment();
        if (zeroEmployment != (household.status == HouseholdStatus.ZERO_EMPLOYMENT)) {
            return true;
        }
        var grounds = GraduateRule.grounds(household.minimumLivingAllowance, zeroEmployment);
        return household.members.stream().anyMatch(m -> inNeed(m, grounds, businessDate) != (m.graduateNeedSince != null));
    }

    /**
     * Leaves the programme by an exit: ends a zero-employment state with reason EXITED, then tells every service the household
     * exited — in work or not, it may have targets open (a graduate's, 双就业, unstable → stable).
     */
    public void exit(Household household, LocalDate on) {
        leave(household, on, ZeroEmploymentEnded.Reason.EXITED, null);
    }

    /**
     * Leaves this district's programme for another district of the city ({@code toDistrictCode}), which carries the
     * household's promise on (issue #18): a zero-employment state ends with reason TRANSFERRED, and every service is told
     * the household exited by a transfer. An identification under way here ends: the new district verifies afresh.
     */
    public void transferredOut(Household household, LocalDate on, String toDistrictCode) {
        if (household.status != HouseholdStatus.ZERO_EMPLOYMENT) {
            identifications.overtake(household, on); // (a zero-employment household's ends with the state, below)
        }
        leave(household, on, ZeroEmploymentEnded.Reason.TRANSFERRED, toDistrictCode);
    }

    private void leave(Household household, LocalDate on, ZeroEmploymentEnded.Reason reason, String toDistrictCode) {
        boolean was = household.status == HouseholdStatus.ZERO_EMPLOYMENT;
        household.status = HouseholdStatus.EXITED;
        household.zeroEmploymentSince = null;
        if (was) {
            outbox.publish(household.id, new ZeroEmploymentEnded(household.id, household.districtCode, reason, on));
            identifications.overtake(household, on);
        }
        outbox.publish(household.id, new HouseholdExited(household.id, household.districtCode, household.exitReason.name(), on,
                toDistrictCode));
    }

    /**
     * A household that moved here from another district of the city ({@code fromDistrictCode}, issue #18), registered with
     * the facts it had there. While it was zero-employment there, it is so here from the same first day ({@code since},
     * null when it was not): the promise keeps its day count. Its identification (认定) confirmed there on
     * {@code confirmedOn} stands; one not confirmed there starts here today. A member who was a graduate in need there
     * keeps the day the need began, and their target runs on from it.
     */
    public void arrived(Household household, LocalDate since, String fromDistrictCode, LocalDate confirmedOn, LocalDate today) {
        if (since != null) {
            Decision decision = ZeroEmploymentRule.decide(household.memberFacts(), today);
            household.status = HouseholdStatus.ZERO_EMPLOYMENT;
            household.zeroEmploymentSince = since;
            outbox.publish(household.id, new ZeroEmploymentStarted(household.id, household.districtCode, since,
                    household.cohort.name(), candidates(household, decision.counted(), today), household.movedBackOn,
                    fromDistrictCode, confirmedOn));
            if (confirmedOn == null) {
                identifications.openByMonitoring(household, today);
            }
        }
        var grounds = GraduateRule.grounds(household.minimumLivingAllowance, household.status == HouseholdStatus.ZERO_EMPLOYMENT);
        for (Member member : household.members) {
            if (member.graduateNeedSince != null) {
                outbox.publish(household.id, new GraduateRegistered(household.id, household.districtCode, member.id, member.graduatedOn,
                        member.graduateNeedSince, household.cohort.name(),
                        grounds.stream().map(g -> GraduateRegistered.Ground.valueOf(g.name())).toList()));
            }
        }
        recompute(household, today, Cause.REGISTRATION);
    }

    /** Publishes {@code member-changed} for one member ({@code ADDED}, {@code CHANGED} or {@code REMOVED}). */
    public void memberChanged(Household household, Member member, String change, Cause cause, LocalDate on) {
        memberChanged(household, member, change, cause, on, null);
    }

    /** {@link #memberChanged}, for a change recorded on {@code recordedOn} (a placement entered back-dated; else null). */
    private void memberChanged(Household household, Member member, String change, Cause cause, LocalDate on, LocalDate recordedOn) {
        long stableMembers = household.members.stream()
                .filter(m -> !(m == member && "REMOVED".equals(change)))
                .filter(m -> m.status == EmploymentStatus.EMPLOYED_STABLE && ZeroEmploymentRule.counts(m.facts(), on)).count();
        outbox.publish(household.id, new MemberChanged(household.id, household.districtCode, summary(member, on), change,
                cause.name(), on, (int) stableMembers, recordedOn));
    }
    /** A member as other services may see them on {@code date}: no name, no national ID. */
    public static MemberSummary summary(Member member, LocalDate date) {
        MemberFacts facts = member.facts();
        return new MemberSummary(member.id, Math.max(0, facts.ageOn(date)), member.gender, member.status.name(),
                ZeroEmploymentRule.counts(facts, date));
    }

    private static List<Candidate> candidates(Household household, List<MemberFacts> counted, LocalDate on) {
        return counted(household, counted)
                .map(m -> new Candidate(m.id, m.facts().ageOn(on), m.gender, m.education == null ? null : m.education.name(),
                        m.skillList()))
                .toList();
    }

    /** The members of {@code household} the rule counted. */
    private static Stream<Member> counted(Household household, List<MemberFacts> counted) {
        return household.members.stream().filter(m -> counted.stream().anyMatch(c -> c.memberId().equals(m.id)));
    }
}
