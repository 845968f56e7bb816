package io.wanjia.reporting.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.wanjia.commons.jdbc.SqlValues;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.contracts.Divisions;
import io.wanjia.reporting.domain.Figure;

/**
 * The figures officials report, for an area (a district, a city or the province) and a period, with a
 * breakdown one level down. Each figure is one grouped query over the active generation of the read model.
 */
@ApplicationScoped
public class Reports {

    private static final Map<String, String> NAMES = Divisions.load();
    /** The most points one series answers. */
    private static final int MAX_BUCKETS = 1000;

    @Inject
    EntityManager em;
    @Inject
    ReadModel readModel;
    @Inject
    AreaScope scope;
    @Inject
    Clock clock;

    /** One row: an area and its figures (in {@link Figure} order). */
    public record Row(String area, String name, Map<String, Number> figures) {
    }

    /** A report: the area's total and a row per area one level down. */
    public record Summary(String area, String name, LocalDate from, LocalDate to, LocalDate asOf, int generation, Row total,
            List<Row> breakdown) {
    }

    /** One bucket of a time series. */
    public record Point(LocalDate period, Map<String, Number> figures) {
    }

    /** The caller's area, or a narrower one they asked for; 404 outside their area. */
    public String areaFor(String requested) {
        String area = scope.area();
        if (requested == null || requested.isBlank()) {
            return area;
        }
        if (!requested.startsWith(area)) {
            throw ProblemException.notFound("area", requested);
        }
        return requested;
    }

    /** The summary of {@code area} for [{@code from}, {@code to}]. */
    public Summary summary(String area, LocalDate from, LocalDate to) {
        checkPeriod(from, to);
        int generation = readModel.active();
        LocalDate asOf = LocalDate.now(clock);
        Map<String, Map<String, Number>> total = figures(generation, area, area.length(), from, to, asOf);
        List<Row> breakdown = new ArrayList<>();
        if (area.length() < 6) {
            Map<String, Map<String, Number>> children = figures(generation, area, area.length() + 2, from, to, asOf);
            children.forEach((child, values) -> breakdown.add(new Row(child, NAMES.getOrDefault(child, child), values)));
        }
        Map<String, Number> totals = total.getOrDefault(area, empty());
        return new Summary(area, NAMES.getOrDefault(area, area), from, to, asOf, generation,
                new Row(area, NAMES.getOrDefault(area, area), totals), breakdown);
    }

    /** The period figures of {@code area} by day, week or month. */
    public List<Point> series(String area, LocalDate from, LocalDate to, String granularity) {
        checkPeriod(from, to);
        if (!List.of("day", "week", "month").contains(granularity)) {
            throw ProblemException.invalid("granularity", "day-week-month", "granularity must be day, week or month");
        }
        long buckets = switch (granularity) {
            case "week" -> (to.toEpochDay() - from.toEpochDay()) / 7;
            case "month" -> (to.toEpochDay() - from.toEpochDay()) / 30;
            default -> to.toEpochDay() - from.toEpochDay();
        };
        if (buckets > MAX_BUCKETS) {
            throw ProblemException.invalid("to", "at-most-" + MAX_BUCKETS + "-points", "a series has at most " + MAX_BUCKETS
                    + " points: shorten the period or choose a coarser granularity");
        }
        int generation = readModel.active();
        Map<LocalDate, Map<String, Number>> points = new TreeMap<>();
        seriesOf(points, generation, area, from, to, granularity, "episode", "since", Figure.NEWLY_IDENTIFIED, null);
        seriesOf(points, generation, area, from, to, granularity, "episode", "ended_on", Figure.ELIMINATED, null);
        seriesOf(points, generation, area, from, to, granularity, "case_fact", "closed_on", Figure.CLOSED_MET, "outcome = 'MET'");
        seriesOf(points, generation, area, from, to, granularity, "case_fact", "closed_on", Figure.CLOSED_MET_LATE, "outcome = 'MET_LATE'");
        seriesOf(points, generation, area, from, to, granularity, "case_fact", "closed_on", Figure.CLOSED_WITHDRAWN, "outcome = 'WITHDRAWN'");
        seriesOf(points, generation, area, from, to, granularity, "placement_fact", "start_date", Figure.MEMBERS_PLACED, null);
        seriesOf(points, generation, area, from, to, granularity, "escalation_fact", "due_on", Figure.ESCALATIONS_CITY, "level = 'CITY'");
        seriesOf(points, generation, area, from, to, granularity, "report_fact", "occurred_on", Figure.LABOUR_REPORTS, null);
        return points.entrySet().stream().map(e -> new Point(e.getKey(), e.getValue())).toList();
    }

    private void seriesOf(Map<LocalDate, Map<String, Number>> points, int generation, String area, LocalDate from, LocalDate to,
            String granularity, String table, String column, Figure figure, String condition) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT CAST(date_trunc('" + granularity + "', " + column + ") AS date) p, count(*) FROM "
                + table + " WHERE generation = ?1 AND district_code LIKE ?2 AND " + column + " BETWEEN ?3 AND ?4"
                + (condition == null ? "" : " AND " + condition) + " GROUP BY p ORDER BY p")
                .setParameter(1, generation).setParameter(2, area + "%").setParameter(3, from).setParameter(4, to).getResultList();
        for (LocalDate d = truncate(from, granularity); !d.isAfter(to); d = next(d, granularity)) {
            points.computeIfAbsent(d, k -> new LinkedHashMap<>()).putIfAbsent(figure.key(), 0L);
        }
        rows.forEach(r -> points.computeIfAbsent(SqlValues.date(r[0]), k -> new LinkedHashMap<>()).put(figure.key(), ((Number) r[1]).longValue()));
    }

    private static LocalDate truncate(LocalDate date, String granularity) {
        return switch (granularity) {
            case "week" -> date.minusDays(date.getDayOfWeek().getValue() - 1L);
            case "month" -> date.withDayOfMonth(1);
            default -> date;
        };
    }

    private static LocalDate next(LocalDate date, String granularity) {
        return switch (granularity) {
            case "week" -> date.plusWeeks(1);
            case "month" -> date.plusMonths(1);
            default -> date.plusDays(1);
        };
    }

    private static void checkPeriod(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw ProblemException.invalid(from == null ? "from" : "to", "required", "from and to are required (YYYY-MM-DD)");
        }
        if (to.isBefore(from)) {
            throw ProblemException.invalid("to", "not-before-from", "to must not be before from");
        }
    }

    /** Every figure of every area of prefix length {@code length} under {@code area}. */
    private Map<String, Map<String, Number>> figures(int g, String area, int length, LocalDate from, LocalDate to, LocalDate asOf) {
        Map<String, Map<String, Number>> byArea = new TreeMap<>();
        String like = area + "%";
        count(byArea, length, "SELECT substr(district_code, 1, ?1) k, count(*) FROM episode WHERE generation = ?2 AND district_code LIKE ?3"
                + " AND ended_on IS NULL GROUP BY k", Figure.ZERO_EMPLOYMENT_NOW, g, like);
        count(byArea, length, "SELECT substr(district_code, 1, ?1) k, count(*) FROM episode WHERE generation = ?2 AND district_code LIKE ?3"
                + " AND since BETWEEN ?4 AND ?5 GROUP BY k", Figure.NEWLY_IDENTIFIED, g, like, from, to);
        count(byArea, length, "SELECT substr(district_code, 1, ?1) k, count(*) FROM episode WHERE generation = ?2 AND district_code LIKE ?3"
                + " AND ended_on BETWEEN ?4 AND ?5 GROUP BY k", Figure.ELIMINATED, g, like, from, to);
        byKind(byArea, length, "SELECT substr(district_code, 1, ?1) k, outcome, count(*) FROM case_fact WHERE generation = ?2"
                + " AND district_code LIKE ?3 AND closed_on BETWEEN ?4 AND ?5 GROUP BY k, outcome",
                Map.of("MET", Figure.CLOSED_MET, "MET_LATE", Figure.CLOSED_MET_LATE, "WITHDRAWN", Figure.CLOSED_WITHDRAWN), g, like, from, to);
        @SuppressWarnings("unchecked")
        List<Object[]> days = query("SELECT substr(district_code, 1, ?1) k, percentile_cont(0.5) WITHIN GROUP (ORDER BY days),"
                + " avg(days) FROM case_fact WHERE generation = ?2 AND district_code LIKE ?3 AND closed_on BETWEEN ?4 AND ?5"
                + " AND outcome IN ('MET', 'MET_LATE') GROUP BY k", length, g, like, from, to);
        for (Object[] r : days) {
            Map<String, Number> values = byArea.computeIfAbsent((String) r[0], k -> empty());
            values.put(Figure.MEDIAN_DAYS_TO_PLACEMENT.key(), round(((Number) r[1]).doubleValue()));
            values.put(Figure.MEAN_DAYS_TO_PLACEMENT.key(), round(((Number) r[2]).doubleValue()));
        }
        byKind(byArea, length, "SELECT substr(district_code, 1, ?1) k, kind, count(*) FROM placement_fact WHERE generation = ?2"
                + " AND district_code LIKE ?3 AND start_date BETWEEN ?4 AND ?5 GROUP BY k, kind",
                Map.of("PUBLIC_WELFARE", Figure.PLACEMENTS_PUBLIC_WELFARE, "ENTERPRISE", Figure.PLACEMENTS_ENTERPRISE,
                        "SELF_EMPLOYMENT", Figure.PLACEMENTS_SELF_EMPLOYMENT, "FLEXIBLE", Figure.PLACEMENTS_FLEXIBLE), g, like, from, to);
        count(byArea, length, "SELECT substr(district_code, 1, ?1) k, count(DISTINCT member_id) FROM placement_fact"
                + " WHERE generation = ?2 AND district_code LIKE ?3 AND start_date BETWEEN ?4 AND ?5 GROUP BY k", Figure.MEMBERS_PLACED,
                g, like, from, to);
        byKind(byArea, length, """
                SELECT substr(district_code, 1, ?1) k, CASE WHEN ?4 > last_day THEN 'OVERDUE'
                    WHEN ?4 - since + 1 <= 10 THEN 'D10' WHEN ?4 - since + 1 <= 15 THEN 'D15'
                    WHEN ?4 - since + 1 <= 18 THEN 'D18' ELSE 'D20' END b, count(*)
                FROM case_fact WHERE generation = ?2 AND district_code LIKE ?3 AND status = 'OPEN' GROUP BY k, b""",
                Map.of("D10", Figure.OPEN_DAYS_0_10, "D15", Figure.OPEN_DAYS_11_15, "D18", Figure.OPEN_DAYS_16_18,
                        "D20", Figure.OPEN_DAYS_19_20, "OVERDUE", Figure.OPEN_OVERDUE), g, like, asOf);
        byKind(byArea, length, "SELECT substr(district_code, 1, ?1) k, level, count(*) FROM escalation_fact WHERE generation = ?2"
                + " AND district_code LIKE ?3 AND due_on BETWEEN ?4 AND ?5 GROUP BY k, level",
                Map.of("COMMUNITY", Figure.ESCALATIONS_COMMUNITY, "STREET", Figure.ESCALATIONS_STREET,
                        "DISTRICT", Figure.ESCALATIONS_DISTRICT, "CITY", Figure.ESCALATIONS_CITY), g, like, from, to);
        count(byArea, length, """
                SELECT substr(district_code, 1, ?1) k, count(*) FROM (
                    SELECT household_id, min(district_code) district_code FROM member_status
                    WHERE generation = ?2 AND district_code LIKE ?3 AND employed GROUP BY household_id HAVING count(*) >= 2) two
                GROUP BY k""", Figure.DOUBLE_EMPLOYMENT_HOUSEHOLDS, g, like);
        count(byArea, length, "SELECT substr(district_code, 1, ?1) k, count(*) FROM report_fact WHERE generation = ?2"
                + " AND district_code LIKE ?3 AND occurred_on BETWEEN ?4 AND ?5 GROUP BY k", Figure.LABOUR_REPORTS, g, like, from, to);
        byArea.values().forEach(Reports::share);
        return byArea;
    }

    private static void share(Map<String, Number> values) {
        long met = values.get(Figure.CLOSED_MET.key()).longValue();
        long late = values.get(Figure.CLOSED_MET_LATE.key()).longValue();
        values.put(Figure.SHARE_WITHIN_DEADLINE.key(), met + late == 0 ? null : round((double) met / (met + late)));
    }

    private void count(Map<String, Map<String, Number>> byArea, int length, String sql, Figure figure, Object... parameters) {
        for (Object[] r : query(sql, length, parameters)) {
            byArea.computeIfAbsent((String) r[0], k -> empty()).put(figure.key(), ((Number) r[1]).longValue());
        }
    }

    private void byKind(Map<String, Map<String, Number>> byArea, int length, String sql, Map<String, Figure> figures,
            Object... parameters) {
        for (Object[] r : query(sql, length, parameters)) {
            Figure figure = figures.get((String) r[1]);
            if (figure != null) {
                byArea.computeIfAbsent((String) r[0], k -> empty()).put(figure.key(), ((Number) r[2]).longValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> query(String sql, int length, Object... parameters) {
        var query = em.createNativeQuery(sql).setParameter(1, length);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 2, parameters[i]);
        }
        return query.getResultList();
    }

    private static Map<String, Number> empty() {
        Map<String, Number> values = new LinkedHashMap<>();
        for (Figure figure : Figure.values()) {
            values.put(figure.key(), figure == Figure.MEDIAN_DAYS_TO_PLACEMENT || figure == Figure.MEAN_DAYS_TO_PLACEMENT
                    || figure == Figure.SHARE_WITHIN_DEADLINE ? null : 0L);
        }
        return values;
    }

    private static Double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
