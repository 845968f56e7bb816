package io.wanjia.household.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.jdbc.SqlValues;
import io.wanjia.household.Household;
import io.wanjia.household.Member;
import io.wanjia.household.domain.Cause;
import io.wanjia.household.domain.SituationChange;

/**
 * The passage of time: a member turning 16 or reaching retirement age changes the rule's answer. The pass
 * looks only at members whose 16th birthday or retirement day fell since the last pass (both indexed), so
 * its cost follows the birthdays, not the register's size; after downtime it catches up from where it was.
 */
@ApplicationScoped
public class AgeingPass {

    private static final Logger LOG = Logger.getLogger(AgeingPass.class);

    @Inject
    EntityManager em;
    @Inject
    ZeroEmploymentTransitions transitions;
    @Inject
    Clock clock;
    @Inject
    AuditTrail audit;

    @Scheduled(every = "10m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        runUpTo(LocalDate.now(clock));
    }

    /** Re-decides every household whose answer a birthday in (last pass, {@code today}] may change; returns how many. */
    @Transactional
    public int runUpTo(LocalDate today) {
        List<?> done = em.createNativeQuery("SELECT done_up_to FROM ageing_pass WHERE id = 1 FOR UPDATE").getResultList();
        if (done.isEmpty()) {
            em.createNativeQuery("INSERT INTO ageing_pass (id, done_up_to) VALUES (1, ?1)").setParameter(1, today).executeUpdate();
            return 0;
        }
        LocalDate from = SqlValues.date(done.get(0));
        if (!today.isAfter(from)) {
            return 0;
        }
        List<Member> members = em.createQuery("""
                select m from Member m where (m.workingAgeFrom > :from and m.workingAgeFrom <= :today)
                or (m.retirementOn > :from and m.retirementOn <= :today)""", Member.class)
                .setParameter("from", from).setParameter("today", today).getResultList();
        Map<UUID, LocalDate> households = new LinkedHashMap<>();
        for (Member member : members) {
            LocalDate turned = member.workingAgeFrom.isAfter(from) && !member.workingAgeFrom.isAfter(today)
                    ? member.workingAgeFrom : member.retirementOn;
            households.merge(member.household.id, turned, (a, b) -> a.isAfter(b) ? a : b);
        }
        households.forEach((id, turned) -> {
            Household household = em.find(Household.class, id, LockModeType.PESSIMISTIC_WRITE);
            AuditedState before = AuditedState.of(household, turned.minusDays(1));
            household.members.stream()
                    .filter(m -> m.workingAgeFrom.equals(turned) || m.retirementOn.equals(turned))
                    .forEach(m -> transitions.record(household, m, new SituationChange.Aged(turned)));
            transitions.recompute(household, turned, Cause.AGEING);
            audit.recordAtCommit("system:ageing", "household", household.id, "AGEING", before, AuditedState.of(household, turned));
        });
        em.createNativeQuery("UPDATE ageing_pass SET done_up_to = ?1 WHERE id = 1").setParameter(1, today).executeUpdate();
        if (!households.isEmpty()) {
            LOG.infof("ageing pass up to %s re-decided %d household(s)", today, households.size());
        }
        return households.size();
    }
}
