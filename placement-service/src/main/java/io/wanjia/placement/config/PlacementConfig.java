package io.wanjia.placement.config;

import java.math.BigDecimal;
import java.util.List;

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

    /** The local monthly minimum wage used to score wages. */
    @WithDefault("2100")
    BigDecimal minimumWage();
}
