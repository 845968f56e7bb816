package io.wanjia.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The figures of one bench run: printed as a table as they come, written as JSON at the end. */
final class Results {

    /** One figure; {@code target} is empty when there is none, {@code met} null then. */
    record Figure(String section, String name, double value, String unit, String target, Boolean met, String note) {
    }

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Object> run = new LinkedHashMap<>();

    Results(Map<String, Object> run) {
        this.run.putAll(run);
    }

    /** Records a figure without a target. */
    void add(String section, String name, double value, String unit, String note) {
        add(new Figure(section, name, value, unit, "", null, note));
    }

    /** Records a figure that should be at least {@code atLeast}. */
    void atLeast(String section, String name, double value, String unit, double atLeast, String note) {
        add(new Figure(section, name, value, unit, "≥ " + number(atLeast), value >= atLeast, note));
    }

    /** Records a figure that should be at most {@code atMost}. */
    void atMost(String section, String name, double value, String unit, double atMost, String note) {
        add(new Figure(section, name, value, unit, "≤ " + number(atMost), value <= atMost, note));
    }

    private void add(Figure figure) {
        figures.add(figure);
        System.out.printf(Locale.ROOT, "  %-12s %-46s %14s %-8s %-12s %s%n", figure.section(), figure.name(),
                number(figure.value()), figure.unit(), figure.target() + (figure.met() == null ? "" : figure.met() ? " ✓" : " ✗"),
                figure.note());
    }

    double value(String name) {
        return figures.stream().filter(f -> f.name().equals(name)).mapToDouble(Figure::value).findFirst()
                .orElseThrow(() -> new IllegalStateException("no figure " + name));
    }

    static void header() {
        System.out.printf(Locale.ROOT, "  %-12s %-46s %14s %-8s %-12s %s%n", "section", "figure", "value", "unit", "target", "how");
    }

    /** Writes the run and its figures to {@code file}. */
    void write(Path file) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>(run);
        document.put("figures", figures);
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
    }

    static String number(double value) {
        if (Math.abs(value) < 0.01 && value != 0) {
            return String.format(Locale.ROOT, "%.5f", value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : "%.2f", value);
    }
}
