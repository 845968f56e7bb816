package io.wanjia.contracts.household;

import java.time.LocalDate;
import java.util.UUID;

/**
 * An identification (认定) began for a household: found by monitoring (the zero-employment rule) or declared by the
 * household (申报), as of the business date {@code openedOn}. {@code ruleAgrees} says whether the zero-employment rule
 * finds the household zero-employment on that date, {@code ruleFinding} why (or why not).
 */
public record IdentificationOpened(UUID identificationId, UUID householdId, String districtCode, Source source, LocalDate openedOn,
        boolean ruleAgrees, String ruleFinding) {

    /** Where the identification came from. */
    public enum Source {
        MONITORING, DECLARATION
    }
}
