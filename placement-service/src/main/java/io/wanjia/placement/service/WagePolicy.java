package io.wanjia.placement.service;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.wanjia.placement.config.PlacementConfig;
import io.wanjia.placement.domain.WageFloor;
import io.wanjia.placement.domain.WageFloor.AreaAmount;

/**
 * A district's minimum wage and public-welfare wage floor, from amounts configured by division-code prefix (the longest
 * matching prefix wins, as household-service's {@code MinimumWages}).
 */
@ApplicationScoped
public class WagePolicy {

    private final PlacementConfig config;

    public WagePolicy(PlacementConfig config) {
        this.config = config;
    }

    /** The monthly minimum wage of {@code districtCode}. */
    public BigDecimal minimumWage(String districtCode) {
        return minimumWageOf(districtCode).monthly();
    }

    /** The least a public-welfare post in {@code districtCode} may pay a month, and where that comes from. */
    public WageFloor floor(String districtCode) {
        return WageFloor.of(minimumWageOf(districtCode), longestPrefix(config.subsistenceLine(), districtCode).orElse(null),
                config.subsistenceLineFactor());
    }

    private AreaAmount minimumWageOf(String districtCode) {
        return longestPrefix(config.minimumWage(), districtCode).orElse(new AreaAmount(null, config.defaultMinimumWage()));
    }

    private static Optional<AreaAmount> longestPrefix(Map<String, BigDecimal> byPrefix, String districtCode) {
        return byPrefix.entrySet().stream()
                .filter(e -> districtCode.startsWith(e.getKey()))
                .max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length())))
                .map(e -> new AreaAmount(e.getKey(), e.getValue()));
    }
}
