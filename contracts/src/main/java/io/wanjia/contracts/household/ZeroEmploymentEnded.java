package io.wanjia.contracts.household;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The household left the zero-employment state, for {@code reason}, on the business date {@code on}.
 *
 * @param recordedOn for a placement (PLACED), the day placement-service recorded it — later than {@code on} when its start
 *                   was entered back-dated; deadline-monitor judges the promise by the later of the two. Null otherwise.
 * @param channel    for a placement (PLACED), the {@link io.wanjia.contracts.JobKind} it placed the member in, by name: the
 *                   channel the figures count days to placement by. Null otherwise.
 */
public record ZeroEmploymentEnded(UUID householdId, String districtCode, Reason reason, LocalDate on, LocalDate recordedOn,
        String channel) {

    /** Why the state ended. */
    public enum Reason {
        PLACED, EMPLOYED_ELSEWHERE, EXITED, NO_LONGER_ELIGIBLE,
        /** The household moved to another district of the city (issue #18): its promise goes on there. */
        TRANSFERRED
    }

    /** An end with no record date of its own (not a placement). */
    public ZeroEmploymentEnded(UUID householdId, String districtCode, Reason reason, LocalDate on) {
        this(householdId, districtCode, reason, on, null, null);
    }
}
