package io.wanjia.deadline.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Whether the holiday calendar covers every date a working-day deadline needs now: for each policy that counts
 * working days, a case opened today runs to its last day, and every year on the way must have its State Council
 * notice loaded. A missing year would make holidays count as working days, silently moving deadlines; this says
 * so instead. Calendar-day policies (the default) need no calendar.
 *
 * @param neededThrough the last day a working-day case opened today could reach, or null when no policy counts working days
 * @param missingYears years on the way to {@code neededThrough} whose notice is not loaded
 * @param comingYearLoaded whether next year's notice is loaded already (announced each November or December)
 */
public record CalendarCoverage(SortedSet<Integer> coveredYears, LocalDate neededThrough, SortedSet<Integer> missingYears,
        boolean comingYearLoaded) {

    /** Whether every needed year is covered. */
    public boolean complete() {
        return missingYears.isEmpty();
    }

    /** The coverage of {@code calendar} for {@code policies} on {@code today}. */
    public static CalendarCoverage of(WorkingDayCalendar calendar, List<Policy> policies, LocalDate today) {
        LocalDate needed = policies.stream().filter(p -> p.dayKind() == DayKind.WORKING)
                .map(p -> calendar.dateOfDay(today, p.lengthDays(), DayKind.WORKING))
                .max(LocalDate::compareTo).orElse(null);
        SortedSet<Integer> missing = new TreeSet<>();
        if (needed != null) {
            for (int year = today.getYear(); year <= needed.getYear(); year++) {
                if (!calendar.covers(LocalDate.of(year, 1, 1))) {
                    missing.add(year);
                }
            }
        }
        return new CalendarCoverage(calendar.coveredYears(), needed, missing, calendar.covers(today.plusYears(1)));
    }

    /** Whether a working-day count from {@code since} to {@code last} runs only through covered years. */
    public static boolean covers(WorkingDayCalendar calendar, LocalDate since, LocalDate last) {
        for (int year = since.getYear(); year <= last.getYear(); year++) {
            if (!calendar.covers(LocalDate.of(year, 1, 1))) {
                return false;
            }
        }
        return true;
    }
}
