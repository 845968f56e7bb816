package io.wanjia.contracts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** GB/T 2260 administrative division codes and names shipped with the platform (reference data, shared). */
public final class Divisions {

    /** The shipped lists, one per province. */
    public static final List<String> RESOURCES = List.of("divisions/gbt2260-21-liaoning.csv");

    private Divisions() {
    }

    /** Code to name for every shipped province (2 digits), city (4) and county-level division (6). */
    public static Map<String, String> load() {
        Map<String, String> names = new HashMap<>();
        for (String resource : RESOURCES) {
            try (InputStream in = Divisions.class.getClassLoader().getResourceAsStream(resource);
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
                    String[] parts = line.split(",", 2);
                    names.put(parts[0].trim(), parts.length > 1 ? parts[1].trim() : parts[0].trim());
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Collections.unmodifiableMap(names);
    }
}
