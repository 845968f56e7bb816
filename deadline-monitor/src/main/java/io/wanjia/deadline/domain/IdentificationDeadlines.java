package io.wanjia.deadline.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The sub-deadlines of the identification procedure (认定), a district's policy beside its ladder: each step must be
 * done within so many working days (the holiday calendar's) of the day the identification reached it, or it escalates
 * once to the office above the one that owns the step — a verification the community has not done goes to the street
 * office, a review the street office has not done to the district, a posting not closed to the street office, a
 * confirmation the district has not given to the city.
 *
 * @param verify  working days for the community's verification (调查核实)
 * @param review  working days for the street office's review (审核)
 * @param posting working days for the public posting (公示) to run and be closed: the notice itself and the days to close it
 * @param confirm working days for the district's confirmation (认定)
 */
public record IdentificationDeadlines(int verify, int review, int posting, int confirm) {

    /** Wanjia's defaults: verify 3, review 2, posting 7 (a 5-working-day notice and 2 to close it), confirm 2. */
    public static final IdentificationDeadlines STANDARD = new IdentificationDeadlines(3, 2, 7, 2);

    public IdentificationDeadlines {
        for (int days : new int[] {verify, review, posting, confirm}) {
            if (days < 1 || days > 30) {
                throw new IllegalArgumentException("a sub-deadline is 1 to 30 working days");
            }
        }
    }

    /** A sub-deadline: the stage, the last working day to leave it, when it escalates, and to whom. */
    public record SubDeadline(String stage, LocalDate lastDay, Instant dueAt, Level level, String recipientRole, int areaDigits) {
    }

    /**
     * The sub-deadline of {@code stage} reached on {@code reachedOn}: the stage is left by the end of the last of its
     * working days counted after that day, else it escalates at the start of the next day. Empty for a stage that is
     * no step (CONFIRMED, REJECTED, ENDED).
     */
    public Optional<SubDeadline> of(String stage, LocalDate reachedOn, WorkingDayCalendar calendar, ZoneId zone) {
        int days;
        Level level;
        int areaDigits = 6;
        switch (stage) {
            case "VERIFY" -> {
                days = verify;
                level = Level.STREET;
            }
            case "REVIEW" -> {
                days = review;
                level = Level.DISTRICT;
            }
            case "POSTING" -> {
                days = posting;
                level = Level.STREET;
            }
            case "CONFIRM" -> {
                days = confirm;
                level = Level.CITY;
                areaDigits = 4;
            }
            default -> {
                return Optional.empty();
            }
        }
        LocalDate last = reachedOn;
        for (int counted = 0; counted < days; ) {
            last = last.plusDays(1);
            if (calendar.isWorkingDay(last)) {
                counted++;
            }
        }
        return Optional.of(new SubDeadline(stage, last, last.plusDays(1).atStartOfDay(zone).toInstant(), level, "supervisor", areaDigits));
    }
}
