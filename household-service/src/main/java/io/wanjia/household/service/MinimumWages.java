package io.wanjia.household.service;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.wanjia.household.config.HouseholdConfig;

/** The local monthly minimum wage a district's stable-employment judgement uses (longest configured prefix wins). */
@ApplicationScoped
public class MinimumWages {

    private final HouseholdConfig config;

    public MinimumWages(HouseholdConfig config) {
        this.config = config;
    }

    /** The minimum wage for {@code districtCode}. */
    public BigDecimal of(String districtCode) {
        return config.minimumWage().entrySet().stream()
                .filter(e -> districtCode.startsWith(e.getKey()))
                .max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length())))
                .map(Map.Entry::getValue)
                .orElse(config.defaultMinimumWage());
    }
}
