package io.wanjia.contracts.placement;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A member declined an offer.
 *
 * @param reasonable           whether the refusal had a recognised reason
 * @param unreasonableRefusals the running count of refusals without reason for this household (exit rule: 3)
 */
public record OfferDeclined(UUID offerId, UUID householdId, String districtCode, UUID memberId, UUID postId,
        String reason, boolean reasonable, int unreasonableRefusals, LocalDate declinedOn) {
}
