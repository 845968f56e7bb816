package io.wanjia.household.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.wanjia.household.config.HouseholdConfig;

/** The county-level division codes (GB/T 2260) this deployment accepts: the shipped lists plus configured extras. */
@ApplicationScoped
public class DivisionCodes {

    private static final List<String> SHIPPED = List.of("divisions/gbt2260-21-liaoning.csv");

    private final Map<String, String> names = new HashMap<>();

    public DivisionCodes(HouseholdConfig config) {
        for (String resource : SHIPPED) {
            load(resource);
        }
        config.extraDivisionCodes().orElse(List.of()).forEach(code -> names.putIfAbsent(code.trim(), code.trim()));
    }

    private void load(String resource) {
        try (var in = DivisionCodes.class.getClassLoader().getResourceAsStream(resource);
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
                String[] parts = line.split(",", 2);
                names.put(parts[0].trim(), parts.length > 1 ? parts[1].trim() : parts[0].trim());
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code code} is a known county-level division. */
    public boolean isKnown(String code) {
        return code != null && names.containsKey(code);
    }

    /** The division's name, e.g. 和平区. */
    public String name(String code) {
        return names.getOrDefault(code, code);
    }
}
