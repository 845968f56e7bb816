package io.wanjia.household.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.problem.Redaction;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.household.ContactAttempt;
import io.wanjia.household.Household;
import io.wanjia.household.config.HouseholdConfig;
import io.wanjia.household.domain.Reachability;

/** The contact log (电话核实, 走访) of households, and whether it shows one unreachable ({@link Reachability}). */
@ApplicationScoped
public class ContactLog {

    @Inject
    AuditTrail audit;
    @Inject
    AreaScope scope;
    @Inject
    Clock clock;
    @Inject
    HouseholdConfig config;

    /** Records one attempt to reach a household in the caller's area, on {@code on} (today when absent, never in the future). */
    @Transactional
    public ContactAttempt record(UUID householdId, LocalDate on, Reachability.Channel channel, boolean reached, UUID memberId, String note) {
        Household household = household(householdId);
        LocalDate today = LocalDate.now(clock);
        LocalDate day = on == null ? today : on;
        if (day.isAfter(today)) {
            throw ProblemException.invalid("on", "not-in-future", "on must not be in the future");
        }
        if (memberId != null && household.members.stream().noneMatch(m -> m.id.equals(memberId))) {
            throw ProblemException.invalid("memberId", "member-of-household", "memberId is not a member of this household");
        }
        ContactAttempt attempt = new ContactAttempt();
        attempt.id = UUID.randomUUID();
        attempt.householdId = household.id;
        attempt.memberId = memberId;
        attempt.attemptedOn = day;
        attempt.channel = channel;
        attempt.reached = reached;
        attempt.note = note == null || note.isBlank() ? null : Redaction.mask(note.trim());
        attempt.actor = scope.subject();
        attempt.recordedAt = clock.instant();
        attempt.persist();
        audit.record("household", household.id, "CONTACT", null, java.util.Map.of("on", day.toString(), "channel", channel.name(),
                "reached", reached));
        return attempt;
    }

    /** The attempts on a household in the caller's area, oldest first. */
    public List<ContactAttempt> of(UUID householdId) {
        household(householdId);
        return ContactAttempt.list("householdId", Sort.ascending("attemptedOn").and("recordedAt"), householdId);
    }

    /** What the log shows of a household: whether it is unreachable, and since when attempts fail. */
    public Reachability.Finding reachability(List<ContactAttempt> attempts) {
        return Reachability.of(attempts.stream().map(a -> new Reachability.Attempt(a.attemptedOn, a.reached)).toList(),
                config.unreachableAfter());
    }

    private Household household(UUID id) {
        Household household = Household.findById(id);
        if (household == null) {
            throw ProblemException.notFound("household", id);
        }
        scope.require(household.districtCode, "household", id);
        return household;
    }
}
