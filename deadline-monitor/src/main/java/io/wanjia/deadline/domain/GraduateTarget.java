package io.wanjia.deadline.domain;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The member-level GRADUATE target (issue #17): when its clock starts and what a member's change does to it. Stable work
 * meets it (DESIGN.md: only stable employment ends a case, unstable work is followed up); removal from the household or no
 * longer counting by the rule (studying again, military service, unable or unwilling to work) withdraws it.
 */
public final class GraduateTarget {

    private GraduateTarget() {
    }

    /** What a member's change does to the member's open GRADUATE case: meets it, or withdraws it with a reason. */
    public record Closing(boolean met, String reason) {
    }

    /**
     * Day 1 of the target: the later of the graduation and the day the member became a graduate in need (nobody can be
     * placed before the need is known, nor be a graduate before graduating).
     */
    public static LocalDate clockFrom(LocalDate graduatedOn, LocalDate registeredOn) {
        return graduatedOn != null && graduatedOn.isAfter(registeredOn) ? graduatedOn : registeredOn;
    }

    /**
     * What {@code member-changed} of the member does to the open case: {@code removed} (REMOVED), else the member's
     * {@code status} and whether the rule still {@code counted} them; empty: the case stays open.
     */
    public static Optional<Closing> after(boolean removed, String status, boolean counted) {
        if (removed) {
            return Optional.of(new Closing(false, "MEMBER_REMOVED"));
        }
        if ("EMPLOYED_STABLE".equals(status)) {
            return Optional.of(new Closing(true, "STABLE_WORK"));
        }
        if (!counted) {
            return Optional.of(new Closing(false, "NO_LONGER_COUNTED: " + status));
        }
        return Optional.empty();
    }
}
