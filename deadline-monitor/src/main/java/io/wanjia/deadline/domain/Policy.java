package io.wanjia.deadline.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.wanjia.contracts.Cohort;

/**
 * A deadline policy for an area prefix, for a target ({@link Target#HOUSEHOLD} where null: the household's promise) and,
 * where {@code cohort} is set, for that cohort's households only (null: every cohort): the length (default 20 days), how days count, the ladder before the deadline, the breach step repeated every
 * {@code repeatEveryDays} after it until the case closes, the sub-deadlines of the identification procedure
 * ({@link IdentificationDeadlines#STANDARD} where a stored policy has none) and where the clock starts
 * ({@link ClockStart#ZERO_EMPLOYMENT} where a stored policy does not say).
 */
public record Policy(String areaPrefix, Cohort cohort, Target target, int lengthDays, DayKind dayKind, List<LadderStep> ladder, LadderStep breach,
        int repeatEveryDays, IdentificationDeadlines identification, ClockStart clockStarts) {

    /**
     * The policies that apply where no stored one is more specific: {@link #standard}, {@link #shantytownRelocation} and
     * {@link #graduate}.
     */
    public static final List<Policy> BUILT_IN = List.of(standard(""), shantytownRelocation(), graduate());

    /** A policy for every cohort with the standard identification sub-deadlines, its clock starting at detection. */
    public Policy(String areaPrefix, int lengthDays, DayKind dayKind, List<LadderStep> ladder, LadderStep breach, int repeatEveryDays) {
        this(areaPrefix, null, null, lengthDays, dayKind, ladder, breach, repeatEveryDays, null, null);
    }

    public Policy {
        target = target == null ? Target.HOUSEHOLD : target;
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

    /**
     * The seed's 2007 target for relocated shantytown residents (棚改回迁居民): a job within 60 calendar days of moving back
     * (the clock starts at the later of the move-back date and detection); day 30 the community case worker, day 45 the
     * street office, day 55 the district supervisor; past the deadline the city supervisor, every 5 days until closed.
     */
    public static Policy shantytownRelocation() {
        return new Policy("", Cohort.SHANTYTOWN_RELOCATION, Target.HOUSEHOLD, 60, DayKind.CALENDAR, List.of(
                new LadderStep(30, Level.COMMUNITY, "caseworker", 6),
                new LadderStep(45, Level.STREET, "supervisor", 6),
                new LadderStep(55, Level.DISTRICT, "supervisor", 6)),
                new LadderStep(61, Level.CITY, "supervisor", 4), 5, null, ClockStart.MOVE_BACK);
    }

    /**
     * The member-level GRADUATE target (issue #17), on everywhere: the seed's 2007 "确保困难家庭大中专毕业生实现就业" states no
     * period, so it takes the 60 calendar days the same sentence gives relocated shantytown residents, with their ladder —
     * day 30 the community case worker, day 45 the street office, day 55 the district supervisor; past the deadline the city
     * supervisor, every 5 days until closed. Its clock runs from the later of the graduation and the day the member became
     * a graduate in need.
     */
    public static Policy graduate() {
        return new Policy("", null, Target.GRADUATE, 60, DayKind.CALENDAR, List.of(
                new LadderStep(30, Level.COMMUNITY, "caseworker", 6),
                new LadderStep(45, Level.STREET, "supervisor", 6),
                new LadderStep(55, Level.DISTRICT, "supervisor", 6)),
                new LadderStep(61, Level.CITY, "supervisor", 4), 5, null, null);
    }

    /**
     * The policy for a case of a {@code cohort} household in {@code districtCode}: of {@code policies} and the
     * {@link #BUILT_IN} ones, those whose prefix the district starts with and whose cohort is the household's or none;
     * one for the cohort beats one for every cohort whatever their prefixes (a city's rule for relocated residents
     * stands against a district's general ladder), then the longer prefix wins, then a stored policy beats a built-in one.
     */
    public static Policy forCase(List<Policy> policies, String districtCode, Cohort cohort) {
        return select(Stream.concat(BUILT_IN.stream(), policies.stream()), districtCode, cohort, Target.HOUSEHOLD).orElseThrow();
    }

    /**
     * The policy of a {@code target} other than the household's promise for the case of a {@code cohort} household, chosen
     * alike (the built-in GRADUATE one included); empty: it is off.
     */
    public static Optional<Policy> forTarget(List<Policy> policies, String districtCode, Cohort cohort, Target target) {
        return select(Stream.concat(BUILT_IN.stream(), policies.stream()), districtCode, cohort, target);
    }

    private static Optional<Policy> select(Stream<Policy> candidates, String districtCode, Cohort cohort, Target target) {
        Comparator<Policy> specificity = Comparator.<Policy, Boolean> comparing(p -> p.cohort() != null)
                .thenComparingInt(p -> p.areaPrefix().length())
                .thenComparing(p -> !BUILT_IN.contains(p));
        return candidates.filter(p -> p.target() == target && districtCode.startsWith(p.areaPrefix())
                && (p.cohort() == null || p.cohort() == cohort)).max(specificity);
    }
}
