package io.wanjia.placement.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The least a public-welfare post (公益性岗位) may pay a month in a district: the area's minimum wage, or its 低保 line
 * (minimum living allowance) × k where that is higher. The seed names the failure this prevents: posts bought for
 * zero-employment households that pay "only a little above the minimum living allowance".
 *
 * @param amount the floor, in yuan a month
 * @param source where the floor comes from, as a sentence's end ("the minimum wage 2100 of area 21")
 */
public record WageFloor(BigDecimal amount, String source) {

    /** A monthly amount as configured for a division-code prefix; {@code area} is null for the configured default. */
    public record AreaAmount(String area, BigDecimal monthly) {
    }

    /**
     * The floor from the area's minimum wage and, where one is configured ({@code subsistenceLine} not null), its 低保
     * line × {@code factor}; the product is rounded up to the fen, so a wage at the floor is never below the product.
     */
    public static WageFloor of(AreaAmount minimumWage, AreaAmount subsistenceLine, BigDecimal factor) {
        WageFloor byMinimumWage = new WageFloor(minimumWage.monthly(), "the minimum wage " + plain(minimumWage.monthly())
                + where(minimumWage.area()));
        if (subsistenceLine == null) {
            return byMinimumWage;
        }
        BigDecimal scaled = subsistenceLine.monthly().multiply(factor).setScale(2, RoundingMode.CEILING);
        if (scaled.compareTo(minimumWage.monthly()) <= 0) {
            return byMinimumWage;
        }
        return new WageFloor(scaled, "the 低保 line " + plain(subsistenceLine.monthly()) + where(subsistenceLine.area()) + " × "
                + plain(factor) + ", above the minimum wage " + plain(minimumWage.monthly()));
    }

    /** Whether a post paying {@code monthlyWage} may be a public-welfare post here. */
    public boolean admits(BigDecimal monthlyWage) {
        return monthlyWage.compareTo(amount) >= 0;
    }

    /** Why {@code monthlyWage} is refused for a post of {@code districtCode}: the floor and where it comes from. */
    public String refusal(BigDecimal monthlyWage, String districtCode) {
        return "monthlyWage " + plain(monthlyWage) + " is below the public-welfare wage floor of district " + districtCode + ", "
                + plain(amount) + ": " + source;
    }

    private static String where(String area) {
        return area == null ? " (the default)" : " of area " + area;
    }

    private static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }
}
