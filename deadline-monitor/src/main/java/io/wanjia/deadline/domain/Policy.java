package io.wanjia.deadline.domain;

import java.util.Comparator;
import java.util.List;

/**
 * A deadline policy for an area prefix: the length (default 20 days), how days count, the ladder before the
 * deadline, the breach step repeated every {@code repeatEveryDays} after it until the case closes, the sub-deadlines
 * of the identification procedure ({@link IdentificationDeadlines#STANDARD} where a stored policy has none) and where the
 * clock starts ({@link ClockStart#ZERO_EMPLOYMENT} where a stored policy does not say).
 */
public record Policy(String areaPrefix, int lengthDays, DayKind dayKind, List<LadderStep> ladder, LadderStep breach,
        int repeatEveryDays, IdentificationDeadlines identification, ClockStart clockStarts) {

    /** A policy with the standard identification sub-deadlines, its clock starting when the household became zero-employment. */
    public Policy(String areaPrefix, int lengthDays, DayKind dayKind, List<LadderStep> ladder, LadderStep breach, int repeatEveryDays) {
        this(areaPrefix, lengthDays, dayKind, ladder, breach, repeatEveryDays, null, null);
    }

    public Policy {
        identification = identification == null ? IdentificationDeadlines.STANDARD : identification;
        clockStarts = clockStarts == null ? ClockStart.ZERO_EMPLOYMENT : clockStarts;
        if (lengthDays < 1) {
            throw new IllegalArgumentException("lengthDays must be at least 1");
        }
        if (repeatEveryDays < 1) {
            throw new IllegalArgumentException("repeatEveryDays must be at least 1");
        }
        ladder = ladder.stream().sorted(Comparator.comparingInt(LadderStep::day)).toList();
        if (ladder.stream().anyMatch(s -> s.day() > lengthDays)) {
            throw new IllegalArgumentException("a ladder step lies after the deadline");
        }
    }

    /**
     * DESIGN.md's default: 20 calendar days; day 10 the community case worker, day 15 the street office, day 18
     * the district supervisor; past the deadline the city supervisor, every 5 days until closed.
     */
    public static Policy standard(String areaPrefix) {
        return new Policy(areaPrefix, 20, DayKind.CALENDAR, List.of(
                new LadderStep(10, Level.COMMUNITY, "caseworker", 6),
                new LadderStep(15, Level.STREET, "supervisor", 6),
                new LadderStep(18, Level.DISTRICT, "supervisor", 6)),
                new LadderStep(21, Level.CITY, "supervisor", 4), 5);
    }

    /** The most specific of {@code policies} for {@code districtCode}, or the standard one. */
    public static Policy forDistrict(List<Policy> policies, String districtCode) {
        return policies.stream().filter(p -> districtCode.startsWith(p.areaPrefix()))
                .max(Comparator.comparingInt(p -> p.areaPrefix().length()))
                .orElse(standard(""));
    }
}
