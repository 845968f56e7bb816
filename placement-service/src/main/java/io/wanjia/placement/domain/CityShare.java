package io.wanjia.placement.domain;

import io.wanjia.commons.security.AreaScope;

/**
 * What crosses districts (README, Decisions): a post or course belongs to its district, and reaches the other districts
 * of its city only when that district opens it to the city. Nothing crosses cities.
 */
public final class CityShare {

    private CityShare() {
    }

    /** Whether a record of {@code districtCode}, opened to its city or not, is shared with {@code area}. */
    public static boolean sharedWith(boolean openToCity, String districtCode, String area) {
        return openToCity && districtCode.startsWith(AreaScope.cityOf(area));
    }
}
