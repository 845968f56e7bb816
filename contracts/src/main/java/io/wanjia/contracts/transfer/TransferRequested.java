package io.wanjia.contracts.transfer;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A district asks another for a household that moved to it (动态管理, issue #18): its caseworker typed the members' national
 * IDs again (they never travel), and the claims on the city's topic named the district that holds them. Published on the
 * city's transfers topic, keyed by the transfer id.
 *
 * @param transferId       the transfer, named by the receiving district
 * @param fromDeployment   the deployment asked to release the household (the one whose claims hold the members)
 * @param fromDistrictCode the district it holds them in
 * @param toDeployment     the deployment asking
 * @param toDistrictCode   the district the household moves to
 * @param members          the people the receiving caseworker named: the sending deployment's member id (from its claim)
 *                         and the keyed hash of the ID typed, under the city's hash key
 * @param requestedOn      the business date of the request
 */
public record TransferRequested(UUID transferId, String fromDeployment, String fromDistrictCode, String toDeployment,
        String toDistrictCode, List<Person> members, LocalDate requestedOn) {

    /** A person the request names: the sending side's member id and the keyed hash of the national ID typed. */
    public record Person(UUID memberId, String hashKeyId, String hash) {
    }
}
