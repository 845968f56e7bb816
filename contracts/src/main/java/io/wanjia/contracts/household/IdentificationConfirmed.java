package io.wanjia.contracts.household;

import java.time.LocalDate;
import java.util.UUID;

/** The district confirmed (认定) a household as zero-employment on {@code confirmedOn}; it entered the ledger as {@code ledgerNumber}. */
public record IdentificationConfirmed(UUID identificationId, UUID householdId, String districtCode, LocalDate confirmedOn,
        String ledgerNumber) {
}
