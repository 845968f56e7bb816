package io.wanjia.commons.time;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import io.quarkus.runtime.configuration.ConfigUtils;

/** Produces the one {@link Clock} every service injects. */
@Singleton
public class ClockProducer {

    @Produces
    @Singleton
    @Typed(AdjustableClock.class)
    AdjustableClock adjustableClock(ClockConfig config) {
        if (!config.adjustable()) {
            return AdjustableClock.fixedToSystem(config.zone());
        }
        if (ConfigUtils.getProfiles().contains("prod")) {
            throw new IllegalStateException("wanjia.clock.adjustable=true is refused in the prod profile");
        }
        return AdjustableClock.adjustable(config.zone());
    }

    @Produces
    @Singleton
    Clock clock(AdjustableClock clock) {
        return clock;
    }
}
