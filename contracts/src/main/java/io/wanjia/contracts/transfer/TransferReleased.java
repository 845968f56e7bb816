package io.wanjia.contracts.transfer;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The sending district released a household to the district that asked for it: what the receiving side needs to carry on
 * — the household's facts, its cohort and, while it is zero-employment, the first day of its episode, so the promise's
 * day count does not restart. Carries no name, no national ID, no birth date and no gender: the receiving side has them
 * from the IDs its caseworker typed, matched to these members by their keyed hashes.
 *
 * @param fromHouseholdId        the household in the sending district (its closed record there points to the new one)
 * @param zeroEmploymentSince    day 1 of the open zero-employment episode; null when the household is not zero-employment
 * @param identificationConfirmedOn the day its identification (认定) was confirmed, or null (none, or not needed)
 * @param members                every member of the household, as the sending district had them
 */
public record TransferReleased(UUID transferId, String fromDeployment, String fromDistrictCode, String toDeployment,
        String toDistrictCode, UUID fromHouseholdId, LocalDate releasedOn, String cohort, LocalDate movedBackOn,
        boolean minimumLivingAllowance, LocalDate zeroEmploymentSince, LocalDate identificationConfirmedOn, List<Member> members) {

    /**
     * A member's facts, named by the sending side's member id and the keyed hash of their national ID.
     *
     * @param statusSince       when the employment status began; null when unknown
     * @param graduateNeedSince the day the member became a graduate in need (their target runs from there); null if not one
     */
    public record Member(UUID memberId, String hashKeyId, String hash, String relation, String education, List<String> skills,
            String labourCapacity, boolean willingToWork, String occupationCategory, String employmentStatus, LocalDate statusSince,
            boolean businessIncome, LocalDate graduatedOn, LocalDate graduateNeedSince) {
    }
}
