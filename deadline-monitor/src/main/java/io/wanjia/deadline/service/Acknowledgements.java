package io.wanjia.deadline.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.security.identity.SecurityIdentity;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.deadline.CaseStep;
import io.wanjia.deadline.domain.Level;

/**
 * Records that an alert's addressee took it up: who, when and a note (the case's clock keeps running). An alert is
 * addressed to a role of an area (day 10 the district's case workers, the breach the city's supervisors); only a
 * caller with that role whose own area it is acknowledges it — one above may read it but not silence it in the
 * addressee's inbox.
 */
@ApplicationScoped
public class Acknowledgements {

    /** What the audit trail keeps of an acknowledgement. */
    public record Entry(long alert, Level level, String recipientRole, String area, Instant acknowledgedAt, String acknowledgedBy,
            String note) {

        static Entry of(CaseStep step) {
            return new Entry(step.id, step.level, step.recipientRole, step.area, step.acknowledgedAt, step.acknowledgedBy, step.ackNote);
        }
    }

    @Inject
    CaseQueries queries;
    @Inject
    AreaScope scope;
    @Inject
    SecurityIdentity identity;
    @Inject
    AuditTrail audit;
    @Inject
    Clock clock;

    /** Acknowledges alert {@code id}: 404 unless the caller reads it, 403 ({@code rule: addressee}) unless it is theirs. */
    @Transactional
    public CaseStep acknowledge(long id, String note) {
        CaseStep step = queries.alert(id);
        String addressee = "escalation " + id + " is addressed to the " + step.recipientRole + " of " + step.area
                + ": only they acknowledge it";
        if (!identity.hasRole(step.recipientRole)) {
            throw ProblemException.forbidden("recipientRole", "addressee", addressee);
        }
        if (!step.area.equals(scope.ownArea())) {
            throw ProblemException.forbidden("area", "addressee", addressee);
        }
        if (step.acknowledgedAt == null) {
            Entry before = Entry.of(step);
            step.acknowledgedAt = clock.instant();
            step.acknowledgedBy = scope.subject();
            step.ackNote = note;
            audit.record("escalation", id, "ACKNOWLEDGE", before, Entry.of(step));
        }
        return step;
    }
}
