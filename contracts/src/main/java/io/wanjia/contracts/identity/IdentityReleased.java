package io.wanjia.contracts.identity;

import java.util.UUID;

/**
 * A deployment no longer holds a person under a claim it made: the member was removed from the register there (moved
 * out, deceased, or the duplicate kept elsewhere), or re-keyed under a new hash key (a new claim follows). Same key as the
 * {@link IdentityClaimed} it ends.
 *
 * @param reason why, by name: MEMBER_REMOVED or REKEYED
 */
public record IdentityReleased(String hashKeyId, String hash, String deployment, String districtCode, UUID memberId, String reason) {
}
