package io.wanjia.contracts.household;

import java.time.LocalDate;
import java.util.UUID;

/** The household left the zero-employment state, for {@code reason}, on the business date {@code on}. */
public record ZeroEmploymentEnded(UUID householdId, String districtCode, Reason reason, LocalDate on) {

    /** Why the state ended. */
    public enum Reason {
        PLACED, EMPLOYED_ELSEWHERE, EXITED, NO_LONGER_ELIGIBLE
    }
}
