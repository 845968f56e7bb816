package io.wanjia.reporting.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
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
 * breakdown one level down. The figures come from counters the read model keeps beside its facts (V2__tally.sql):
 * a summary sums a few thousand of them in one query, whatever the number of households behind it.
 */
@ApplicationScoped
public class Reports {

    private static final Map<String, String> NAMES = Divisions.load();
    /**
     * The counters of one generation ({@code ?1}) under an area ({@code ?2}, a LIKE prefix): folded and not yet
     * folded, read in one statement so that a fold in between cannot count anything twice (V2__tally.sql).
     */
    private static final String TALLY = """
            SELECT figure, district_code, day, detail, n FROM tally WHERE generation = ?1 AND district_code LIKE ?2
            UNION ALL
            SELECT figure, district_code, day, detail, n FROM tally_delta WHERE generation = ?1 AND district_code LIKE ?2""";
    /** Which figure a counter ({@code figure:detail}) adds to. */
    private static final Map<String, Figure> COUNTERS = Map.ofEntries(
            Map.entry("open:", Figure.ZERO_EMPLOYMENT_NOW), Map.entry("newly:", Figure.NEWLY_DETECTED),
            Map.entry("identified:", Figure.NEWLY_IDENTIFIED),
            Map.entry("referred:", Figure.TRAINING_REFERRALS), Map.entry("trained:COMPLETED", Figure.TRAINING_COMPLETIONS),
            Map.entry("eliminated:PLACED", Figure.ELIMINATED), Map.entry("eliminated:EMPLOYED_ELSEWHERE", Figure.ELIMINATED),
            Map.entry("eliminated:EXITED", Figure.EXITED), Map.entry("eliminated:NO_LONGER_ELIGIBLE", Figure.NO_LONGER_ELIGIBLE),
            Map.entry("moved_in:", Figure.MOVED_IN), Map.entry("eliminated:TRANSFERRED", Figure.MOVED_OUT),
            Map.entry("closed:MET", Figure.CLOSED_MET),
            Map.entry("closed:MET_LATE", Figure.CLOSED_MET_LATE), Map.entry("closed:WITHDRAWN", Figure.CLOSED_WITHDRAWN),
            Map.entry("placement:PUBLIC_WELFARE", Figure.PLACEMENTS_PUBLIC_WELFARE),
            Map.entry("placement:ENTERPRISE", Figure.PLACEMENTS_ENTERPRISE),
            Map.entry("placement:SELF_EMPLOYMENT", Figure.PLACEMENTS_SELF_EMPLOYMENT),
            Map.entry("placement:FLEXIBLE", Figure.PLACEMENTS_FLEXIBLE),
            Map.entry("escalation:COMMUNITY", Figure.ESCALATIONS_COMMUNITY), Map.entry("escalation:STREET", Figure.ESCALATIONS_STREET),
            Map.entry("escalation:DISTRICT", Figure.ESCALATIONS_DISTRICT), Map.entry("escalation:CITY", Figure.ESCALATIONS_CITY),
            Map.entry("double:", Figure.DOUBLE_EMPLOYMENT_HOUSEHOLDS), Map.entry("report:", Figure.LABOUR_REPORTS),
            Map.entry("cohort_open:SHANTYTOWN_RELOCATION", Figure.ZERO_EMPLOYMENT_NOW_SHANTYTOWN),
            Map.entry("cohort_open:GRADUATE_FAMILY", Figure.ZERO_EMPLOYMENT_NOW_GRADUATE_FAMILY),
            Map.entry("pw_held:", Figure.PUBLIC_WELFARE_POSTS_HELD),
            Map.entry("target_open:GRADUATE", Figure.GRADUATE_TARGETS_OPEN),
            Map.entry("target_closed:GRADUATE:MET", Figure.GRADUATE_TARGETS_MET),
            Map.entry("target_closed:GRADUATE:MET_LATE", Figure.GRADUATE_TARGETS_MET_LATE),
            Map.entry("target_open:DOUBLE_EMPLOYMENT", Figure.DOUBLE_EMPLOYMENT_TARGETS_OPEN),
            Map.entry("target_closed:DOUBLE_EMPLOYMENT:MET", Figure.DOUBLE_EMPLOYMENT_TARGETS_MET),
            Map.entry("target_closed:DOUBLE_EMPLOYMENT:MET_LATE", Figure.DOUBLE_EMPLOYMENT_TARGETS_MET_LATE),
            Map.entry("target_open:UNSTABLE_TO_STABLE", Figure.UNSTABLE_TO_STABLE_TARGETS_OPEN),
            Map.entry("target_closed:UNSTABLE_TO_STABLE:MET", Figure.UNSTABLE_TO_STABLE_TARGETS_MET),
            Map.entry("target_closed:UNSTABLE_TO_STABLE:MET_LATE", Figure.UNSTABLE_TO_STABLE_TARGETS_MET_LATE));
    /** The median days to placement of each channel (the kind of work that closed the case), by channel. */
    private static final Map<String, Figure> CHANNELS = Map.of("PUBLIC_WELFARE", Figure.MEDIAN_DAYS_PUBLIC_WELFARE,
            "ENTERPRISE", Figure.MEDIAN_DAYS_ENTERPRISE, "SELF_EMPLOYMENT", Figure.MEDIAN_DAYS_SELF_EMPLOYMENT,
            "FLEXIBLE", Figure.MEDIAN_DAYS_FLEXIBLE);
    /** The counters that are a state on a day, kept at day '-infinity'. */
    private static final String STATE_COUNTERS = "'open', 'double', 'open_case', 'cohort_open', 'target_open'";
    /** The counters whose figure on a day sums every counter up to that day (+1 from a start, -1 from an end). */
    private static final String RUNNING_COUNTERS = "'pw_held', 'pw_cost'";
    /** The figures a series shows by period, by counter ({@code figure:detail}, or {@code figure:} for every detail). */
    private static final Map<String, Figure> SERIES = new LinkedHashMap<>();

    static {
        SERIES.put("newly:", Figure.NEWLY_DETECTED);
        SERIES.put("identified:", Figure.NEWLY_IDENTIFIED);
        SERIES.put("eliminated:PLACED", Figure.ELIMINATED);
        SERIES.put("eliminated:EMPLOYED_ELSEWHERE", Figure.ELIMINATED);
        SERIES.put("eliminated:EXITED", Figure.EXITED);
        SERIES.put("closed:MET", Figure.CLOSED_MET);
        SERIES.put("closed:MET_LATE", Figure.CLOSED_MET_LATE);
        SERIES.put("closed:WITHDRAWN", Figure.CLOSED_WITHDRAWN);
        SERIES.put("placement:", Figure.MEMBERS_PLACED);
        SERIES.put("escalation:CITY", Figure.ESCALATIONS_CITY);
        SERIES.put("report:", Figure.LABOUR_REPORTS);
    }

    /** The figures that are a state on a day, not a count over the period. */
    private static final List<Figure> STOCK = List.of(Figure.ZERO_EMPLOYMENT_NOW, Figure.ZERO_EMPLOYMENT_NOW_SHANTYTOWN,
            Figure.ZERO_EMPLOYMENT_NOW_GRADUATE_FAMILY, Figure.OPEN_AWAITING_CONFIRMATION, Figure.OPEN_DAYS_0_10,
            Figure.OPEN_DAYS_11_15, Figure.OPEN_DAYS_16_18, Figure.OPEN_DAYS_19_20, Figure.OPEN_OVERDUE, Figure.GRADUATE_TARGETS_OPEN,
            Figure.DOUBLE_EMPLOYMENT_TARGETS_OPEN, Figure.UNSTABLE_TO_STABLE_TARGETS_OPEN);
    /** The open target cases' figures, by target. */
    private static final Map<String, Figure> TARGETS_OPEN = Map.of("GRADUATE", Figure.GRADUATE_TARGETS_OPEN,
            "DOUBLE_EMPLOYMENT", Figure.DOUBLE_EMPLOYMENT_TARGETS_OPEN, "UNSTABLE_TO_STABLE", Figure.UNSTABLE_TO_STABLE_TARGETS_OPEN);

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

    /**
     * The bureau's monthly statistical table (月报) of an area: its total, each city's subtotal and each district's row,
     * ordered so that every area comes just before the areas inside it.
     */
    public record Monthly(String area, String name, YearMonth month, LocalDate from, LocalDate to, LocalDate asOf, int generation,
            List<Row> rows) {
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

    /**
     * The monthly table of {@code area} for {@code month}: the month's period figures, and the stock figures as of its
     * last day (today for the month under way) — zero-employment households and open cases from the facts' dates, so the
     * table of a closed month is the same after a rebuild; 双就业 keeps no history and is as of today.
     */
    public Monthly monthly(String area, YearMonth month) {
        LocalDate today = LocalDate.now(clock);
        LocalDate from = month.atDay(1), to = month.atEndOfMonth();
        if (from.isAfter(today)) {
            throw ProblemException.invalid("month", "not-in-future", "month " + month + " has not begun");
        }
        LocalDate asOf = to.isBefore(today) ? to : today;
        int generation = readModel.active();
        List<Row> rows = new ArrayList<>();
        for (int length = area.length(); length <= 6; length += 2) {
            Map<String, Map<String, Number>> level = figures(generation, area, length, from, to, asOf);
            if (length == area.length()) {
                level.computeIfAbsent(area, k -> empty()); // the total, even of a month with nothing in it
            }
            stockAt(generation, area, length, asOf, level);
            level.forEach((code, values) -> rows.add(new Row(code, NAMES.getOrDefault(code, code), values)));
        }
        rows.sort(java.util.Comparator.comparing(Row::area));
        return new Monthly(area, NAMES.getOrDefault(area, area), month, from, to, asOf, generation, rows);
    }

    /**
     * Replaces the stock figures of {@code byArea} (areas of prefix length {@code length}) with those as of {@code asOf}: the
     * households zero-employment that day (an episode begun by it and not ended by it) by cohort, the cases open that day by
     * age, and the target cases open that day.
     */
    private void stockAt(int g, String area, int length, LocalDate asOf, Map<String, Map<String, Number>> byArea) {
        byArea.values().forEach(values -> STOCK.forEach(figure -> values.put(figure.key(), 0L)));
        for (Object[] r : query("SELECT substr(district_code, 1, ?3) k, count(*), count(*) FILTER (WHERE cohort = 'SHANTYTOWN_RELOCATION'),"
                + " count(*) FILTER (WHERE cohort = 'GRADUATE_FAMILY') FROM episode WHERE generation = ?1"
                + " AND district_code LIKE ?2 AND since <= ?4 AND (ended_on IS NULL OR ended_on > ?4) GROUP BY k", g, area + "%", length, asOf)) {
            Map<String, Number> values = byArea.computeIfAbsent((String) r[0], k -> empty());
            values.put(Figure.ZERO_EMPLOYMENT_NOW.key(), ((Number) r[1]).longValue());
            values.put(Figure.ZERO_EMPLOYMENT_NOW_SHANTYTOWN.key(), ((Number) r[2]).longValue());
            values.put(Figure.ZERO_EMPLOYMENT_NOW_GRADUATE_FAMILY.key(), ((Number) r[3]).longValue());
        }
        for (Object[] r : query("SELECT substr(district_code, 1, ?3) k, target, count(*) FROM target_case_fact WHERE generation = ?1"
                + " AND district_code LIKE ?2 AND since <= ?4 AND (closed_on IS NULL OR closed_on > ?4) GROUP BY 1, 2", g, area + "%", length, asOf)) {
            Figure open = TARGETS_OPEN.get((String) r[1]);
            if (open != null) {
                add(byArea.computeIfAbsent((String) r[0], k -> empty()), open, ((Number) r[2]).longValue());
            }
        }
        // A case whose clock had not started that day (a confirmation, or a move-back date, after it) counts as awaiting.
        for (Object[] r : query("SELECT substr(district_code, 1, ?3) k, clock_from, last_day, count(*) FROM case_fact WHERE generation = ?1"
                + " AND district_code LIKE ?2 AND since <= ?4 AND (closed_on IS NULL OR closed_on > ?4) GROUP BY 1, 2, 3",
                g, area + "%", length, asOf)) {
            LocalDate clockFrom = r[1] == null ? null : SqlValues.date(r[1]);
            Map<String, Number> values = byArea.computeIfAbsent((String) r[0], k -> empty());
            add(values, clockFrom == null || clockFrom.isAfter(asOf) ? Figure.OPEN_AWAITING_CONFIRMATION
                    : openBucket(clockFrom, SqlValues.date(r[2]), asOf), ((Number) r[3]).longValue());
        }
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
        for (LocalDate d = truncate(from, granularity); !d.isAfter(to); d = next(d, granularity)) {
            Map<String, Number> point = points.computeIfAbsent(d, k -> new LinkedHashMap<>());
            SERIES.values().forEach(figure -> point.put(figure.key(), 0L));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT CAST(date_trunc('" + granularity + "', day) AS date) p,"
                + " figure || ':' || detail, sum(n) FROM (" + TALLY + ") t WHERE day BETWEEN ?3 AND ?4 GROUP BY 1, 2")
                .setParameter(1, generation).setParameter(2, area + "%").setParameter(3, from).setParameter(4, to).getResultList();
        for (Object[] r : rows) {
            String counter = (String) r[1];
            Figure figure = SERIES.getOrDefault(counter, SERIES.get(counter.substring(0, counter.indexOf(':') + 1)));
            if (figure != null) {
                points.get(SqlValues.date(r[0])).merge(figure.key(), ((Number) r[2]).longValue(), (a, b) -> a.longValue() + b.longValue());
            }
        }
        return points.entrySet().stream().map(e -> new Point(e.getKey(), e.getValue())).toList();
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

    /**
     * Every figure of every area of prefix length {@code length} under {@code area}: the counters — of the period, of the
     * present state, and running ones summed up to {@code asOf} —, then distinct members placed.
     */
    private Map<String, Map<String, Number>> figures(int g, String area, int length, LocalDate from, LocalDate to, LocalDate asOf) {
        Map<String, Map<String, Number>> byArea = new TreeMap<>();
        Map<String, TreeMap<Integer, Long>> daysToPlacement = new TreeMap<>();
        Map<String, Map<String, TreeMap<Integer, Long>>> daysByChannel = new TreeMap<>();
        for (Object[] r : query("SELECT substr(district_code, 1, ?5) k, figure, CASE WHEN figure = 'open_case' THEN day END d, detail,"
                + " sum(n) FROM (" + TALLY + ") t WHERE figure IN (" + STATE_COUNTERS + ")"
                + " OR (figure IN (" + RUNNING_COUNTERS + ") AND day <= ?6)"
                + " OR (figure NOT IN (" + RUNNING_COUNTERS + ") AND day BETWEEN ?3 AND ?4)"
                + " GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0", g, area + "%", from, to, length, asOf)) {
            String key = (String) r[0];
            String figure = (String) r[1];
            String detail = (String) r[3];
            long n = ((Number) r[4]).longValue();
            Map<String, Number> values = byArea.computeIfAbsent(key, k -> empty());
            switch (figure) {
                case "closed_days" -> daysToPlacement.computeIfAbsent(key, k -> new TreeMap<>()).merge(Integer.valueOf(detail), n, Long::sum);
                case "channel_days" -> daysByChannel.computeIfAbsent(key, k -> new TreeMap<>())
                        .computeIfAbsent(detail.substring(0, detail.indexOf(':')), k -> new TreeMap<>())
                        .merge(Integer.valueOf(detail.substring(detail.indexOf(':') + 1)), n, Long::sum);
                case "pw_cost" -> values.put(Figure.PUBLIC_WELFARE_MONTHLY_COST.key(), BigDecimal.valueOf(n, 2)); // counted in fen
                case "open_case" -> add(values, detail.isEmpty() ? Figure.OPEN_AWAITING_CONFIRMATION
                        : openBucket(SqlValues.date(r[2]), LocalDate.parse(detail), asOf), n);
                default -> {
                    Figure counted = COUNTERS.get(figure + ":" + detail);
                    if (counted != null) {
                        add(values, counted, n);
                    }
                }
            }
        }
        daysToPlacement.forEach((key, histogram) -> {
            Map<String, Number> values = byArea.get(key);
            values.put(Figure.MEDIAN_DAYS_TO_PLACEMENT.key(), round(median(histogram)));
            values.put(Figure.MEAN_DAYS_TO_PLACEMENT.key(), round(mean(histogram)));
        });
        daysByChannel.forEach((key, channels) -> channels.forEach((channel, histogram) -> {
            Figure median = CHANNELS.get(channel);
            if (median != null) {
                byArea.get(key).put(median.key(), round(median(histogram)));
            }
        }));
        for (Object[] r : query("SELECT substr(district_code, 1, ?5) k, count(DISTINCT member_id),"
                + " count(DISTINCT member_id) FILTER (WHERE social_insurance) FROM placement_fact"
                + " WHERE generation = ?1 AND district_code LIKE ?2 AND start_date BETWEEN ?3 AND ?4 GROUP BY k", g, area + "%", from, to,
                length)) {
            Map<String, Number> values = byArea.computeIfAbsent((String) r[0], k -> empty());
            values.put(Figure.MEMBERS_PLACED.key(), ((Number) r[1]).longValue());
            values.put(Figure.SOCIAL_INSURANCE_RESUMED.key(), ((Number) r[2]).longValue());
        }
        byArea.values().forEach(Reports::share);
        return byArea;
    }

    /** Which bucket an open case whose clock started on {@code since} with last day {@code lastDay} is in on {@code asOf}. */
    private static Figure openBucket(LocalDate since, LocalDate lastDay, LocalDate asOf) {
        long day = asOf.toEpochDay() - since.toEpochDay() + 1;
        if (asOf.isAfter(lastDay)) {
            return Figure.OPEN_OVERDUE;
        }
        return day <= 10 ? Figure.OPEN_DAYS_0_10 : day <= 15 ? Figure.OPEN_DAYS_11_15 : day <= 18 ? Figure.OPEN_DAYS_16_18
                : Figure.OPEN_DAYS_19_20;
    }

    /** The median of the values counted in {@code histogram} (value → count), as {@code percentile_cont(0.5)} gives it. */
    static double median(TreeMap<Integer, Long> histogram) {
        long count = histogram.values().stream().mapToLong(Long::longValue).sum();
        double position = (count - 1) / 2.0;
        long lower = (long) Math.floor(position);
        long upper = (long) Math.ceil(position);
        return valueAt(histogram, lower) + (position - lower) * (valueAt(histogram, upper) - valueAt(histogram, lower));
    }

    /** The value at {@code index} of the sorted values counted in {@code histogram}. */
    private static int valueAt(TreeMap<Integer, Long> histogram, long index) {
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : histogram.entrySet()) {
            seen += bucket.getValue();
            if (index < seen) {
                return bucket.getKey();
            }
        }
        throw new IllegalArgumentException("index " + index + " beyond " + seen + " values");
    }

    private static double mean(TreeMap<Integer, Long> histogram) {
        long count = histogram.values().stream().mapToLong(Long::longValue).sum();
        return histogram.entrySet().stream().mapToDouble(e -> (double) e.getKey() * e.getValue()).sum() / count;
    }

    private static void add(Map<String, Number> values, Figure figure, long n) {
        values.merge(figure.key(), n, (a, b) -> a.longValue() + b.longValue());
    }

    private static void share(Map<String, Number> values) {
        long met = values.get(Figure.CLOSED_MET.key()).longValue();
        long late = values.get(Figure.CLOSED_MET_LATE.key()).longValue();
        values.put(Figure.SHARE_WITHIN_DEADLINE.key(), met + late == 0 ? null : round((double) met / (met + late)));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> query(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.getResultList();
    }

    private static Map<String, Number> empty() {
        Map<String, Number> values = new LinkedHashMap<>();
        for (Figure figure : Figure.values()) {
            values.put(figure.key(), figure.averaged() ? null : figure == Figure.PUBLIC_WELFARE_MONTHLY_COST ? BigDecimal.ZERO.setScale(2) : 0L);
        }
        return values;
    }

    private static Double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
