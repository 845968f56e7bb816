package io.wanjia.deadline.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.wanjia.deadline.domain.EscalationLadder.PlannedStep;

/** The 20-day promise as a schedule: ladder days, the deadline, breaches, late cases, working days. */
class EscalationLadderTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WorkingDayCalendar CALENDAR = new WorkingDayCalendar(Map.of(
            // National Day 2026: 1-7 October off, Sunday 20 September and Saturday 10 October worked.
            LocalDate.of(2026, 10, 1), WorkingDayCalendar.Kind.HOLIDAY, LocalDate.of(2026, 10, 2), WorkingDayCalendar.Kind.HOLIDAY,
            LocalDate.of(2026, 10, 5), WorkingDayCalendar.Kind.HOLIDAY, LocalDate.of(2026, 10, 6), WorkingDayCalendar.Kind.HOLIDAY,
            LocalDate.of(2026, 10, 7), WorkingDayCalendar.Kind.HOLIDAY, LocalDate.of(2026, 9, 20), WorkingDayCalendar.Kind.WORKDAY,
            LocalDate.of(2026, 10, 10), WorkingDayCalendar.Kind.WORKDAY));
    private static final LocalDate DAY_ONE = LocalDate.of(2026, 3, 2);

    private final EscalationLadder standard = new EscalationLadder(Policy.standard("21"), CALENDAR, SHANGHAI);

    @Test
    void shouldEscalateOnDays10And15And18AtTheStartOfEachDay() {
        List<PlannedStep> steps = standard.plan("210102", DAY_ONE);

        assertThat(steps).extracting(PlannedStep::day).containsExactly(10, 15, 18, 21);
        assertThat(steps).extracting(PlannedStep::level).containsExactly(Level.COMMUNITY, Level.STREET, Level.DISTRICT, Level.CITY);
        assertThat(steps.get(0).dueAt()).isEqualTo(LocalDate.of(2026, 3, 11).atStartOfDay(SHANGHAI).toInstant());
        assertThat(steps).extracting(PlannedStep::area).containsExactly("210102", "210102", "210102", "2101");
        assertThat(steps).extracting(PlannedStep::recipientRole).containsExactly("caseworker", "supervisor", "supervisor", "supervisor");
    }

    @Test
    void shouldPutTheDeadlineAtTheEndOfDay20AndBreachThenAndEveryFiveDays() {
        Instant deadline = standard.deadline(DAY_ONE);
        PlannedStep breach = standard.plan("210102", DAY_ONE).get(3);

        assertThat(deadline).isEqualTo(LocalDate.of(2026, 3, 22).atStartOfDay(SHANGHAI).toInstant());
        assertThat(standard.lastDay(DAY_ONE)).isEqualTo(LocalDate.of(2026, 3, 21));
        assertThat(breach.dueAt()).isEqualTo(deadline);
        PlannedStep repeat = standard.nextBreach("210102", DAY_ONE, breach);
        assertThat(repeat.day()).isEqualTo(26);
        assertThat(repeat.repeat()).isEqualTo(1);
        assertThat(repeat.seq()).isEqualTo(breach.seq() + 1);
    }

    @ParameterizedTest(name = "placed on {0}: {1}")
    @CsvSource({"2026-03-13, MET", "2026-03-21, MET", "2026-03-22, MET_LATE", "2026-03-24, MET_LATE"})
    void shouldJudgeAPlacementAgainstTheLastDay(LocalDate placedOn, Outcome outcome) {
        assertThat(standard.outcomeOfPlacement(DAY_ONE, placedOn)).isEqualTo(outcome);
    }

    @Test
    void shouldFireOnlyTheHighestStepAlreadyDueForACaseThatOpensLate() {
        LocalDate since = DAY_ONE;
        Instant day19 = since.plusDays(18).atTime(9, 0).atZone(SHANGHAI).toInstant();
        List<PlannedStep> steps = standard.planAt("210102", since, day19);

        List<PlannedStep> skipped = EscalationLadder.alreadyDueToSkip(steps, day19);

        assertThat(skipped).extracting(PlannedStep::day).containsExactly(10, 15);
    }

    @Test
    void shouldMoveALongPastBreachToItsLatestRepeat() {
        Instant day40 = DAY_ONE.plusDays(39).atTime(9, 0).atZone(SHANGHAI).toInstant();

        List<PlannedStep> steps = standard.planAt("210102", DAY_ONE, day40);

        PlannedStep breach = steps.get(steps.size() - 1);
        assertThat(breach.day()).isEqualTo(36);
        assertThat(breach.repeat()).isEqualTo(3);
        assertThat(EscalationLadder.alreadyDueToSkip(steps, day40)).extracting(PlannedStep::day).containsExactly(10, 15, 18);
    }

    @Test
    void shouldCountWorkingDaysAcrossNationalDayAndItsMakeUpDays() {
        EscalationLadder working = new EscalationLadder(new Policy("2101", 10, DayKind.WORKING,
                List.of(new LadderStep(5, Level.COMMUNITY, "caseworker", 6)), new LadderStep(11, Level.CITY, "supervisor", 4), 5),
                CALENDAR, SHANGHAI);
        LocalDate since = LocalDate.of(2026, 9, 28); // a Monday

        // Working days: 28, 29, 30 Sep; 8, 9, 10 (a Saturday worked), 12, 13, 14, 15 Oct.
        assertThat(working.lastDay(since)).isEqualTo(LocalDate.of(2026, 10, 15));
        assertThat(working.plan("210102", since).get(0).dueAt()).isEqualTo(LocalDate.of(2026, 10, 9).atStartOfDay(SHANGHAI).toInstant());
        assertThat(CALENDAR.dayOf(since, LocalDate.of(2026, 10, 4), DayKind.WORKING)).isEqualTo(3);
    }

    @Test
    void shouldRefuseALadderStepAfterTheDeadline() {
        assertThatThrownBy(() -> new Policy("21", 10, DayKind.CALENDAR, List.of(new LadderStep(15, Level.STREET, "supervisor", 6)),
                Policy.standard("").breach(), 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
