package io.wanjia.contracts.identity;

import java.util.UUID;

/**
 * A deployment of household-service holds a person on its register: the keyed hash of their national ID under the
 * city's shared hash key (never the number), the deployment and district that hold them, and the member there. Published
 * on the city's compacted claims topic, keyed by {@link #key}, so the topic keeps each deployment's latest word on each
 * person and every deployment of the city can rebuild the others' claims from it.
 *
 * @param hashKeyId    the id of the hash key that made {@code hash} (keys rotate; the city's districts share them)
 * @param hash         HMAC of the national ID under that key, 64 lower-case hex digits
 * @param deployment   the deployment that holds the person (its area, e.g. {@code 210102})
 * @param districtCode the district of the household the person belongs to
 * @param memberId     the member there; means something only to that deployment
 */
public record IdentityClaimed(String hashKeyId, String hash, String deployment, String districtCode, UUID memberId) {

    /** The record key: one per person and deployment, so compaction keeps each deployment's latest claim or release. */
    public static String key(String hashKeyId, String hash, String deployment) {
        return hashKeyId + ":" + hash + "@" + deployment;
    }
}
