package io.wanjia.contracts.placement;

import java.time.LocalDate;
import java.util.UUID;

/** A placement ended: the job was lost or left. */
public record PlacementEnded(UUID placementId, UUID householdId, String districtCode, UUID memberId,
        LocalDate endedOn, String reason) {
}
