package io.wanjia.commons.time;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the platform tells time. */
@ConfigMapping(prefix = "wanjia.clock")
public interface ClockConfig {

    /** The zone business dates are taken in. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    /** Whether tests may move time; refused in the prod profile. */
    @WithDefault("false")
    boolean adjustable();
}
