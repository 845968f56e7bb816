package io.wanjia.deadline.domain;

import java.time.LocalDate;

/**
 * Where a case's promise clock starts: on the business date the household became zero-employment (the default: the
 * promise is to the household, not to the paperwork); on the date its identification (认定) was confirmed (#16); or, for
 * relocated shantytown residents, on the date they moved back (#17). The case is open from detection in every case, and
 * shows the identification's stage.
 */
public enum ClockStart {
    ZERO_EMPLOYMENT, CONFIRMATION, MOVE_BACK;

    /**
     * Day 1 of a case's promise known when the case opens on {@code since}, or null when it waits for the confirmation. A
     * move-back clock starts at the later of the move-back date and detection (nobody can be placed before the household
     * is known to need it), and at detection when the date is not on the register.
     */
    public LocalDate clockFrom(LocalDate since, LocalDate movedBackOn) {
        return switch (this) {
            case ZERO_EMPLOYMENT -> since;
            case CONFIRMATION -> null;
            case MOVE_BACK -> movedBackOn == null || movedBackOn.isBefore(since) ? since : movedBackOn;
        };
    }
}
