package io.wanjia.deadline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The identification's sub-deadlines (认定, DESIGN.md "Identification"; the defaults are Wanjia's: verify 3, review 2,
 * posting 7, confirm 2 working days), counted with the holiday calendar. The 2026 rows use the State Council's notice of
 * 4 November 2025 (Spring Festival 15–23 February with 14 and 28 February worked, National Day
 * 1–7 October with 10 October worked).
 */
class IdentificationDeadlinesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WorkingDayCalendar CALENDAR_2026 = calendar2026();

    @ParameterizedTest(name = "{0} reached on {1} -> last day {2}, escalates to {3} {4} of {5} digits")
    @CsvSource({
            // An ordinary week: three working days after a Friday are Monday to Wednesday
            "VERIFY,  2026-03-06, 2026-03-11, STREET,   supervisor, 6",
            // National Day: 8 and 9 October, then Saturday 10 October worked
            "VERIFY,  2026-09-30, 2026-10-10, STREET,   supervisor, 6",
            // Spring Festival: Saturday 14 February worked, then nothing until Tuesday 24 February
            "REVIEW,  2026-02-13, 2026-02-24, DISTRICT, supervisor, 6",
            // The posting: a 5-working-day notice and 2 days to close it
            "POSTING, 2026-06-01, 2026-06-10, STREET,   supervisor, 6",
            // The district's confirmation goes to the city when missed
            "CONFIRM, 2026-06-05, 2026-06-09, CITY,     supervisor, 4"})
    void shouldGiveEachStepItsWorkingDays(String stage, LocalDate reachedOn, LocalDate lastDay, Level level, String role, int areaDigits) {
        IdentificationDeadlines.SubDeadline sub = IdentificationDeadlines.STANDARD.of(stage, reachedOn, CALENDAR_2026, SHANGHAI).orElseThrow();

        assertThat(sub.lastDay()).isEqualTo(lastDay);
        assertThat(sub.dueAt()).isEqualTo(lastDay.plusDays(1).atStartOfDay(SHANGHAI).toInstant());
        assertThat(sub.level()).isEqualTo(level);
        assertThat(sub.recipientRole()).isEqualTo(role);
        assertThat(sub.areaDigits()).isEqualTo(areaDigits);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONFIRMED", "REJECTED", "ENDED"})
    void shouldGiveNoSubDeadlineOnceTheProcedureEnded(String stage) {
        assertThat(IdentificationDeadlines.STANDARD.of(stage, LocalDate.of(2026, 6, 1), CALENDAR_2026, SHANGHAI)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31})
    void shouldRefuseASubDeadlineOutsideOneToThirtyWorkingDays(int days) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IdentificationDeadlines(days, 2, 7, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static WorkingDayCalendar calendar2026() {
        Map<LocalDate, WorkingDayCalendar.Kind> days = new HashMap<>();
        for (LocalDate d = LocalDate.of(2026, 2, 15); !d.isAfter(LocalDate.of(2026, 2, 23)); d = d.plusDays(1)) {
            days.put(d, WorkingDayCalendar.Kind.HOLIDAY);
        }
        for (LocalDate d = LocalDate.of(2026, 10, 1); !d.isAfter(LocalDate.of(2026, 10, 7)); d = d.plusDays(1)) {
            days.put(d, WorkingDayCalendar.Kind.HOLIDAY);
        }
        days.put(LocalDate.of(2026, 2, 14), WorkingDayCalendar.Kind.WORKDAY);
        days.put(LocalDate.of(2026, 2, 28), WorkingDayCalendar.Kind.WORKDAY);
        days.put(LocalDate.of(2026, 10, 10), WorkingDayCalendar.Kind.WORKDAY);
        return new WorkingDayCalendar(days);
    }
}
