package io.wanjia.deadline.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

/**
 * The official Chinese working-day calendar: weekends off, public holidays off, and the make-up working
 * days (调休) on weekends that the State Council announces each year.
 */
public final class WorkingDayCalendar {

    /** What a listed date is. */
    public enum Kind {
        HOLIDAY, WORKDAY
    }

    private final Map<LocalDate, Kind> exceptions;

    public WorkingDayCalendar(Map<LocalDate, Kind> exceptions) {
        this.exceptions = Map.copyOf(exceptions);
    }

    /**
     * Whether the State Council's arrangement for {@code date}'s year is in the calendar. Each year's notice lists
     * holidays (New Year's Day at least), so a year counts as covered from its first listed holiday; without it, a
     * working-day count through that year would take its holidays for working days.
     */
    public boolean covers(LocalDate date) {
        return exceptions.entrySet().stream()
                .anyMatch(e -> e.getValue() == Kind.HOLIDAY && e.getKey().getYear() == date.getYear());
    }

    /** The years of the calendar's listed holidays, in order. */
    public java.util.SortedSet<Integer> coveredYears() {
        java.util.SortedSet<Integer> years = new java.util.TreeSet<>();
        exceptions.forEach((date, kind) -> {
            if (kind == Kind.HOLIDAY) {
                years.add(date.getYear());
            }
        });
        return years;
    }

    /** Whether people work on {@code date}. */
    public boolean isWorkingDay(LocalDate date) {
        Kind kind = exceptions.get(date);
        if (kind != null) {
            return kind == Kind.WORKDAY;
        }
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The date of case day {@code n} (day 1 = {@code since}), counting calendar or working days. */
    public LocalDate dateOfDay(LocalDate since, int n, DayKind kind) {
        if (kind == DayKind.CALENDAR) {
            return since.plusDays(n - 1L);
        }
        LocalDate date = since;
        for (int counted = 1; counted < n; ) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                counted++;
            }
        }
        return date;
    }

    /** Which case day {@code date} is (day 1 = {@code since}); for working days, non-working days keep the last count. */
    public int dayOf(LocalDate since, LocalDate date, DayKind kind) {
        if (date.isBefore(since)) {
            return 0;
        }
        if (kind == DayKind.CALENDAR) {
            return (int) (date.toEpochDay() - since.toEpochDay()) + 1;
        }
        int day = 1;
        for (LocalDate d = since.plusDays(1); !d.isAfter(date); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                day++;
            }
        }
        return day;
    }
}
