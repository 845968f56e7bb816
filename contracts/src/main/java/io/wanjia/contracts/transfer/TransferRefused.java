package io.wanjia.contracts.transfer;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The sending district will not release the household: the request named people it does not hold (NOT_HELD), or not
 * exactly the members of one household (MEMBERS_DIFFER), the household has left the programme (HOUSEHOLD_EXITED) or is in
 * another district's open request (ALREADY_REQUESTED), or its caseworker declined (DECLINED; the note stays in the sending
 * district). The receiving side forgets the IDs typed.
 */
public record TransferRefused(UUID transferId, String fromDeployment, String fromDistrictCode, String toDeployment,
        String toDistrictCode, Reason reason, LocalDate refusedOn) {

    /** Why a transfer was refused. */
    public enum Reason {
        NOT_HELD, MEMBERS_DIFFER, HOUSEHOLD_EXITED, ALREADY_REQUESTED, DECLINED
    }
}
