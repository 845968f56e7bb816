package io.wanjia.household.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * "Unreachable for 3 months" (an exit of DESIGN.md, 退出), computed from the contact log instead of typed by hand. A
 * household is unreachable once the attempts since the last time anyone was reached — at least
 * {@link #MIN_ATTEMPTS} of them — have gone on for the whole period: the first failed attempt lies at least
 * {@code period} before the last one. Trying once and waiting three months is not enough; neither are many calls
 * in one week.
 */
public final class Reachability {

    /** Failed attempts the period must hold before a household counts as unreachable. */
    public static final int MIN_ATTEMPTS = 3;

    private Reachability() {
    }

    /** How a caseworker tried to reach the household. */
    public enum Channel {
        PHONE, VISIT, OTHER
    }

    /** One attempt: when, and whether anyone was reached. */
    public record Attempt(LocalDate on, boolean reached) {
    }

    /** The answer: since when the household has been unreachable (the first failed attempt), and the count of them. */
    public record Finding(boolean unreachable, LocalDate failingSince, int failedAttempts) {
    }

    /** Whether {@code attempts} show a household unreachable for {@code period}, and since when attempts fail. */
    public static Finding of(List<Attempt> attempts, Period period) {
        List<Attempt> inOrder = attempts.stream().sorted(Comparator.comparing(Attempt::on)).toList();
        Optional<LocalDate> lastReached = inOrder.stream().filter(Attempt::reached).map(Attempt::on).reduce((a, b) -> b);
        List<Attempt> failing = inOrder.stream().filter(a -> !a.reached() && lastReached.map(r -> a.on().isAfter(r)).orElse(true)).toList();
        if (failing.isEmpty()) {
            return new Finding(false, null, 0);
        }
        LocalDate first = failing.get(0).on();
        LocalDate last = failing.get(failing.size() - 1).on();
        boolean unreachable = failing.size() >= MIN_ATTEMPTS && !last.isBefore(first.plus(period));
        return new Finding(unreachable, first, failing.size());
    }
}
