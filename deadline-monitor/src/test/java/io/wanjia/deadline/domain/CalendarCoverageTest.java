package io.wanjia.deadline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whether the holiday calendar covers what working-day deadlines need: a missing year is found before it moves a
 * deadline, and the calendar this service ships covers the year we are in.
 */
class CalendarCoverageTest {

    /** 2026 as the State Council announced it (New Year, National Day), and nothing of 2027. */
    private static final WorkingDayCalendar THROUGH_2026 = new WorkingDayCalendar(Map.of(
            LocalDate.of(2026, 1, 1), WorkingDayCalendar.Kind.HOLIDAY, LocalDate.of(2026, 10, 1), WorkingDayCalendar.Kind.HOLIDAY,
            LocalDate.of(2026, 10, 10), WorkingDayCalendar.Kind.WORKDAY));
    private static final Policy TWENTY_WORKING_DAYS = new Policy("21", 20, DayKind.WORKING, Policy.standard("21").ladder(),
            Policy.standard("21").breach(), Policy.standard("21").repeatEveryDays());

    @ParameterizedTest(name = "{0}, {1}: missing {2}")
    @CsvSource({
            // Calendar days (DESIGN.md's default) need no calendar at all.
            "2026-12-15, CALENDAR, '[]'",
            // 20 working days from 2 March stay in 2026.
            "2026-03-02, WORKING, '[]'",
            // ...from 15 December they reach January 2027, whose notice is not loaded.
            "2026-12-15, WORKING, '[2027]'",
            // A whole year ahead of the calendar: the current year itself is missing.
            "2027-06-01, WORKING, '[2027]'"})
    void shouldFindTheYearsAWorkingDayDeadlineNeedsButTheCalendarLacks(LocalDate today, DayKind kind, String missing) {
        Policy policy = kind == DayKind.WORKING ? TWENTY_WORKING_DAYS : Policy.standard("21");

        CalendarCoverage coverage = CalendarCoverage.of(THROUGH_2026, List.of(policy), today);

        assertThat(coverage.missingYears().toString()).isEqualTo(missing);
        assertThat(coverage.complete()).isEqualTo("[]".equals(missing));
        assertThat(coverage.neededThrough() == null).isEqualTo(kind == DayKind.CALENDAR);
    }

    @Test
    void shouldCountAYearAsCoveredFromItsFirstHoliday() {
        Map<LocalDate, WorkingDayCalendar.Kind> days = new HashMap<>(Map.of(LocalDate.of(2026, 1, 1), WorkingDayCalendar.Kind.HOLIDAY));
        days.put(LocalDate.of(2027, 2, 6), WorkingDayCalendar.Kind.WORKDAY); // a make-up day alone is not a notice

        WorkingDayCalendar calendar = new WorkingDayCalendar(days);

        assertThat(calendar.covers(LocalDate.of(2026, 7, 1))).isTrue();
        assertThat(calendar.covers(LocalDate.of(2027, 7, 1))).isFalse();
        assertThat(calendar.coveredYears()).containsExactly(2026);
    }

    @Test
    void shouldShipACalendarThatCoversTheYearWeAreIn() throws IOException {
        WorkingDayCalendar shipped = shipped();
        LocalDate today = LocalDate.now();

        // Fails from 1 January of a year whose State Council notice nobody added to holidays/cn.csv.
        assertThat(shipped.covers(today)).as("holidays/cn.csv covers %d", today.getYear()).isTrue();
        if (!shipped.covers(today.plusYears(1))) {
            System.out.printf("holidays/cn.csv has no %d yet: add the State Council's notice once it is published%n",
                    today.getYear() + 1);
        }
        // And the check sees what it lacks: a working-day deadline from 15 December runs into the next year.
        LocalDate december = LocalDate.of(shipped.coveredYears().last(), 12, 15);
        assertThat(CalendarCoverage.of(shipped, List.of(TWENTY_WORKING_DAYS), december).missingYears())
                .containsExactly(shipped.coveredYears().last() + 1);
    }

    private static WorkingDayCalendar shipped() throws IOException {
        Map<LocalDate, WorkingDayCalendar.Kind> days = new HashMap<>();
        try (var in = CalendarCoverageTest.class.getClassLoader().getResourceAsStream("holidays/cn.csv");
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split(","))
                    .forEach(p -> days.put(LocalDate.parse(p[0].trim()), WorkingDayCalendar.Kind.valueOf(p[1].trim())));
        }
        return new WorkingDayCalendar(days);
    }
}
