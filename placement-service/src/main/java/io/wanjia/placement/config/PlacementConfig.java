package io.wanjia.placement.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** placement-service settings. */
@ConfigMapping(prefix = "wanjia.placement")
public interface PlacementConfig {

    /** From this case day on, public-welfare posts are always suggested (the fallback that guarantees a placement). */
    @WithDefault("15")
    int fallbackDay();

    /** Follow-up visits, in months after a placement starts. */
    @WithDefault("1,3,6")
    List<Integer> followUpMonths();

    /**
     * Monthly minimum wage by division-code prefix; the longest matching prefix wins (household-service's
     * {@code minimum-wage} in the same shape). Scores wages and bounds public-welfare wages.
     */
    Map<String, BigDecimal> minimumWage();

    /** The monthly minimum wage where no prefix of {@link #minimumWage()} matches. */
    @WithDefault("2100")
    BigDecimal defaultMinimumWage();

    /**
     * The 低保 line (monthly minimum living allowance per person) by division-code prefix, longest prefix wins; where
     * none matches, public-welfare wages are bounded by the minimum wage alone.
     */
    Map<String, BigDecimal> subsistenceLine();

    /** k: a public-welfare post pays at least the 低保 line × k (where a line is configured). */
    @WithDefault("1.5")
    BigDecimal subsistenceLineFactor();
}
