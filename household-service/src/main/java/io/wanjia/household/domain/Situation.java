package io.wanjia.household.domain;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * A member's employment situation as the register keeps it: the status, the business date it began ({@code null}:
 * before registration, date unknown) and the placement it comes from, if any. {@link #after} is the one rule by
 * which any change moves it.
 */
public record Situation(EmploymentStatus status, LocalDate since, UUID placementId) {

    /**
     * What this situation becomes after {@code change}, or empty where the change does not apply to it: a report or a
     * placement older than what is already known (reports arrive late and out of order), or the end of a placement the
     * member has since left. A caseworker's edit and an ageing always apply (the member's other facts changed), and
     * move the date only when the status changes.
     */
    public Optional<Situation> after(SituationChange change) {
        return change.from(this);
    }

    /** Whether this situation is known to have begun after {@code date}. */
    public boolean newerThan(LocalDate date) {
        return since != null && since.isAfter(date);
    }
}
