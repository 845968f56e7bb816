package io.wanjia.contracts.transfer;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The district a household was released to could not take it: it had not asked for it (NOT_REQUESTED: no open request
 * of that id, or from another district), the released members are not the people it asked for (MEMBERS_DIFFER), or one
 * of them was registered there meanwhile (REGISTERED_HERE). The sending district keeps the household as it was.
 */
public record TransferFailed(UUID transferId, String fromDeployment, String fromDistrictCode, String toDeployment,
        String toDistrictCode, Reason reason, LocalDate failedOn) {

    /** Why a released household could not be taken. */
    public enum Reason {
        NOT_REQUESTED, MEMBERS_DIFFER, REGISTERED_HERE
    }
}
