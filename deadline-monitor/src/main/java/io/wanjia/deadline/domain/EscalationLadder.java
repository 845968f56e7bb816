package io.wanjia.deadline.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans a case's steps from its policy: each ladder step is due at the start (00:00 local) of its case day;
 * the deadline is the end of the last day; the first breach is due at the deadline and each repeat
 * {@code repeatEveryDays} calendar days after the previous one.
 */
public final class EscalationLadder {

    private final Policy policy;
    private final WorkingDayCalendar calendar;
    private final ZoneId zone;

    public EscalationLadder(Policy policy, WorkingDayCalendar calendar, ZoneId zone) {
        this.policy = policy;
        this.calendar = calendar;
        this.zone = zone;
    }

    /** A step to fire: {@code seq} orders them; {@code repeat} counts breaches from 0 (-1 for ladder steps). */
    public record PlannedStep(int seq, boolean breach, int repeat, Level level, int day, String recipientRole, String area,
            Instant dueAt) {
    }

    /** The end of the last day: the moment the promise is broken. */
    public Instant deadline(LocalDate since) {
        return calendar.dateOfDay(since, policy.lengthDays(), policy.dayKind()).plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The last day on which placing a member still meets the promise. */
    public LocalDate lastDay(LocalDate since) {
        return calendar.dateOfDay(since, policy.lengthDays(), policy.dayKind());
    }

    /** The ladder steps and the first breach of a case that started on {@code since}. */
    public List<PlannedStep> plan(String districtCode, LocalDate since) {
        List<PlannedStep> steps = new ArrayList<>();
        int seq = 0;
        for (LadderStep step : policy.ladder()) {
            Instant due = calendar.dateOfDay(since, step.day(), policy.dayKind()).atStartOfDay(zone).toInstant();
            steps.add(new PlannedStep(seq++, false, -1, step.level(), step.day(), step.recipientRole(),
                    step.areaOf(districtCode), due));
        }
        steps.add(breach(districtCode, since, seq, 0, deadline(since)));
        return steps;
    }

    /**
     * The steps of a case opening at {@code now}: a breach that is long past is moved to its latest repeat
     * already due, so a late case does not fire every missed repeat one after another.
     */
    public List<PlannedStep> planAt(String districtCode, LocalDate since, Instant now) {
        List<PlannedStep> steps = new ArrayList<>(plan(districtCode, since));
        PlannedStep breach = steps.remove(steps.size() - 1);
        for (PlannedStep next = nextBreach(districtCode, since, breach); !next.dueAt().isAfter(now);
                next = nextBreach(districtCode, since, next)) {
            breach = next;
        }
        steps.add(breach);
        return steps;
    }

    /** The breach step after {@code previous}. */
    public PlannedStep nextBreach(String districtCode, LocalDate since, PlannedStep previous) {
        Instant due = previous.dueAt().atZone(zone).plusDays(policy.repeatEveryDays()).toInstant();
        return breach(districtCode, since, previous.seq() + 1, previous.repeat() + 1, due);
    }

    private PlannedStep breach(String districtCode, LocalDate since, int seq, int repeat, Instant due) {
        int day = (int) (due.atZone(zone).toLocalDate().toEpochDay() - since.toEpochDay()) + 1;
        LadderStep breach = policy.breach();
        return new PlannedStep(seq, true, repeat, breach.level(), day, breach.recipientRole(), breach.areaOf(districtCode), due);
    }

    /**
     * For a case that opens late: of the steps already due at {@code now}, only the highest fires; the
     * others are skipped, so a supervisor gets one alert, not three.
     */
    public static List<PlannedStep> alreadyDueToSkip(List<PlannedStep> steps, Instant now) {
        List<PlannedStep> due = steps.stream().filter(s -> !s.dueAt().isAfter(now)).toList();
        return due.isEmpty() ? List.of() : due.subList(0, due.size() - 1);
    }

    /** MET if placed by the last day, MET_LATE after it. */
    public Outcome outcomeOfPlacement(LocalDate since, LocalDate placedOn) {
        return placedOn.isAfter(lastDay(since)) ? Outcome.MET_LATE : Outcome.MET;
    }
}
