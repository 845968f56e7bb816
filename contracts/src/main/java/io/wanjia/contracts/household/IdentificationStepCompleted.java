package io.wanjia.contracts.household;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A step of an identification was taken on the business date {@code on}: {@code step} is where it stood, {@code outcome}
 * what happened, {@code stage} where it stands now (VERIFY, REVIEW, POSTING, CONFIRM, or ENDED when overtaken by
 * events). {@code postingEndsOn} is the last day of the public posting (公示) once it is set.
 */
public record IdentificationStepCompleted(UUID identificationId, UUID householdId, String districtCode, String step, String outcome,
        String stage, LocalDate on, LocalDate postingEndsOn) {
}
