package io.wanjia.household.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.wanjia.contracts.Divisions;
import io.wanjia.household.config.HouseholdConfig;

/** The county-level division codes (GB/T 2260) this deployment accepts: the lists shipped in contracts plus configured extras. */
@ApplicationScoped
public class DivisionCodes {

    private final Map<String, String> names = new HashMap<>(Divisions.load());

    public DivisionCodes(HouseholdConfig config) {
        config.extraDivisionCodes().orElse(List.of()).forEach(code -> names.putIfAbsent(code.trim(), code.trim()));
    }

    /** Whether {@code code} is a known county-level division (6 digits; the list also names provinces and cities). */
    public boolean isKnown(String code) {
        return code != null && code.length() == 6 && names.containsKey(code);
    }

    /** The division's name, e.g. 和平区. */
    public String name(String code) {
        return names.getOrDefault(code, code);
    }

    /** The code with its name, as an answer names a district ("210103 沈河区"); the code alone where it has none. */
    public String labelled(String code) {
        String name = name(code);
        return name.equals(code) ? code : code + " " + name;
    }
}
