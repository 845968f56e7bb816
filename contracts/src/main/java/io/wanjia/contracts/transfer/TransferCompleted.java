package io.wanjia.contracts.transfer;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The district that asked registered the household it was released: the sending district now closes its record and
 * forgets the people (until this, it keeps them, so a release that never arrives loses no one).
 *
 * @param completedOn the business date the household was registered in the receiving district
 */
public record TransferCompleted(UUID transferId, String fromDeployment, String fromDistrictCode, String toDeployment,
        String toDistrictCode, LocalDate completedOn) {
}
