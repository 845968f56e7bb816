package io.wanjia.deadline.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import io.wanjia.commons.jdbc.SqlValues;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.tx.AfterCommit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.wanjia.contracts.Cohort;
import io.wanjia.deadline.domain.CalendarCoverage;
import io.wanjia.deadline.domain.EscalationLadder;
import io.wanjia.deadline.domain.Policy;
import io.wanjia.deadline.domain.Target;
import io.wanjia.deadline.domain.WorkingDayCalendar;

/**
 * Deadline policies per area prefix and cohort (most specific wins, the built-in ones where none is set) and the
 * working-day calendar. Both change rarely: they are read from the database once and again after each change. And the
 * policies cases keep, each stored once by its content's hash ({@link #idOf}, {@link #ofCase}).
 */
@ApplicationScoped
public class Policies {

    private static final Logger LOG = Logger.getLogger(Policies.class);

    private static final String HOLIDAYS = "holidays/cn.csv";

    /** Stores a policy once, named by the hash of its jsonb text, and gives that name whether it was new or not. */
    private static final String STORE_CASE_POLICY = """
            WITH p AS (SELECT CAST(?1 AS jsonb) AS policy),
                 named AS (SELECT encode(sha256(convert_to(policy::text, 'UTF8')), 'hex') AS id, policy FROM p),
                 stored AS (INSERT INTO case_policy (id, policy) SELECT id, policy FROM named ON CONFLICT (id) DO NOTHING)
            SELECT id FROM named""";

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;

    @Inject
    AfterCommit afterCommit;
    @Inject
    AuditTrail audit;
    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Other instances' changes show up within this time. */
    private static final Duration CACHE_FOR = Duration.ofSeconds(30);
    private static final Object RELOAD = new Object();

    private volatile List<Policy> policies;
    private volatile WorkingDayCalendar calendar;
    private volatile long policiesLoadedAt;
    private volatile long calendarLoadedAt;
    private final AtomicInteger missingYears = new AtomicInteger();
    /** Cases' policies by their content's hash ({@code case_policy}): rows that never change, so never stale. */
    private final Map<String, Policy> caseById = new ConcurrentHashMap<>();
    /** The ids of policies whose {@code case_policy} row is committed. */
    private final Map<Policy, String> caseIdsStored = new ConcurrentHashMap<>();

    /** Names a policy written in the current transaction (a resource key of that transaction). */
    private record WrittenHere(Policy policy) {
    }

    /** Names the after-commit note that a policy's row is stored (another key of the same transaction). */
    private record StoredOnCommit(Policy policy) {
    }


    @Transactional
    void seedHolidays(@Observes StartupEvent event) {
        try (var in = Policies.class.getClassLoader().getResourceAsStream(HOLIDAYS);
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(line -> {
                String[] parts = line.split(",");
                em.createNativeQuery("INSERT INTO holiday (day, kind) VALUES (?1, ?2) ON CONFLICT (day) DO NOTHING")
                        .setParameter(1, LocalDate.parse(parts[0].trim())).setParameter(2, parts[1].trim()).executeUpdate();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every policy set. */
    public List<Policy> all() {
        List<Policy> loaded = policies;
        if (loaded == null || System.nanoTime() - policiesLoadedAt > CACHE_FOR.toNanos()) {
            @SuppressWarnings("unchecked")
            List<String> rows = em.createNativeQuery("SELECT definition::text FROM deadline_policy ORDER BY area_prefix").getResultList();
            loaded = rows.stream().map(this::read).toList();
            policies = loaded;
            policiesLoadedAt = System.nanoTime();
        }
        return loaded;
    }

    /** The policy in force for a case of a {@code cohort} household in {@code districtCode}. */
    public Policy forCase(String districtCode, Cohort cohort) {
        return Policy.forCase(all(), districtCode, cohort);
    }

    /** The policy of a second-stage {@code target} for such a case; empty where the target is off. */
    public Optional<Policy> forTarget(String districtCode, Cohort cohort, Target target) {
        return Policy.forTarget(all(), districtCode, cohort, target);
    }

    /** Whether a second-stage target is on anywhere: else nothing needs to follow members' changes. */
    public boolean anySecondStage() {
        return all().stream().anyMatch(p -> p.target() != Target.HOUSEHOLD);
    }

    /** The policy set for exactly this area prefix, cohort (null: every cohort) and target, if any. */
    public Optional<Policy> set(String areaPrefix, Cohort cohort, Target target) {
        return all().stream().filter(p -> p.areaPrefix().equals(areaPrefix) && p.cohort() == cohort && p.target() == target).findFirst();
    }

    /** The ladder of {@code policy} on the working-day calendar, in the platform's zone. */
    public EscalationLadder ladder(Policy policy) {
        return new EscalationLadder(policy, calendar(), clock.getZone());
    }

    /** Sets the policy for its area prefix and cohort; cases opened from now on use it. */
    @Transactional
    public void put(Policy policy, String actor) {
        em.createNativeQuery("""
                INSERT INTO deadline_policy (area_prefix, cohort, target, definition, updated_at, updated_by)
                VALUES (?1, ?2, ?3, CAST(?4 AS jsonb), ?5, ?6)
                ON CONFLICT (area_prefix, cohort, target) DO UPDATE SET definition = EXCLUDED.definition, updated_at = EXCLUDED.updated_at,
                updated_by = EXCLUDED.updated_by""")
                .setParameter(1, policy.areaPrefix()).setParameter(2, key(policy.cohort())).setParameter(3, policy.target().name())
                .setParameter(4, write(policy)).setParameter(5, Timestamp.from(clock.instant())).setParameter(6, actor).executeUpdate();
        afterCommit.run(RELOAD, this::reload);
    }

    /** Removes the policy of an area prefix, cohort (null: the one for every cohort) and target; returns whether there was one. */
    @Transactional
    public boolean delete(String areaPrefix, Cohort cohort, Target target) {
        afterCommit.run(RELOAD, this::reload);
        return em.createNativeQuery("DELETE FROM deadline_policy WHERE area_prefix = ?1 AND cohort = ?2 AND target = ?3")
                .setParameter(1, areaPrefix).setParameter(2, key(cohort)).setParameter(3, target.name()).executeUpdate() > 0;
    }

    /** The table's key for a cohort: its name, or '' for every cohort. */
    private static String key(Cohort cohort) {
        return cohort == null ? "" : cohort.name();
    }

    /** The working-day calendar. */
    public WorkingDayCalendar calendar() {
        WorkingDayCalendar loaded = calendar;
        if (loaded == null || System.nanoTime() - calendarLoadedAt > CACHE_FOR.toNanos()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT day, kind FROM holiday").getResultList();
            Map<LocalDate, WorkingDayCalendar.Kind> days = new HashMap<>();
            rows.forEach(r -> days.put(SqlValues.date(r[0]), WorkingDayCalendar.Kind.valueOf((String) r[1])));
            loaded = new WorkingDayCalendar(days);
            calendar = loaded;
            calendarLoadedAt = System.nanoTime();
        }
        return loaded;
    }

    /** Whether the calendar covers what today's working-day deadlines need, under the policies set now. */
    public CalendarCoverage coverage() {
        return CalendarCoverage.of(calendar(), all(), LocalDate.now(clock));
    }

    /** The same, were {@code policy} set (in place of the one its area prefix and cohort have now). */
    public CalendarCoverage coverageWith(Policy policy) {
        List<Policy> with = new java.util.ArrayList<>(all().stream()
                .filter(p -> !p.areaPrefix().equals(policy.areaPrefix()) || p.cohort() != policy.cohort() || p.target() != policy.target())
                .toList());
        with.add(policy);
        return CalendarCoverage.of(calendar(), with, LocalDate.now(clock));
    }

    /**
     * Looks at the calendar's coverage every hour and says loudly when a year a working-day deadline needs is
     * missing: an error in the log and {@code wanjia_calendar_missing_years} above zero, for operators to alert on.
     */
    @Scheduled(every = "1h", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void watchCoverage() {
        CalendarCoverage coverage = coverage();
        missingYears.set(coverage.missingYears().size());
        if (!coverage.complete()) {
            LOG.errorf("the holiday calendar lacks %s, which working-day deadlines need through %s: load the State Council's"
                    + " notice (PUT /api/v1/holidays/{date}); until then those deadlines count its holidays as working days",
                    coverage.missingYears(), coverage.neededThrough());
        }
    }

    void registerGauge(@Observes StartupEvent event, MeterRegistry metrics) {
        metrics.gauge("wanjia.calendar.missing-years", missingYears);
    }

    /** The listed days of one year. */
    @SuppressWarnings("unchecked")
    public Map<LocalDate, String> holidays(int year) {
        Map<LocalDate, String> days = new java.util.TreeMap<>();
        ((List<Object[]>) em.createNativeQuery("SELECT day, kind FROM holiday WHERE extract(year FROM day) = ?1 ORDER BY day")
                .setParameter(1, year).getResultList()).forEach(r -> days.put(SqlValues.date(r[0]), (String) r[1]));
        return days;
    }

    /** Sets what a date is (a holiday, or a weekend worked instead), audited with what it was before. */
    @Transactional
    public void putHoliday(LocalDate day, WorkingDayCalendar.Kind kind) {
        @SuppressWarnings("unchecked")
        List<Object> was = em.createNativeQuery("SELECT kind FROM holiday WHERE day = ?1 FOR UPDATE").setParameter(1, day).getResultList();
        em.createNativeQuery("INSERT INTO holiday (day, kind) VALUES (?1, ?2) ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind")
                .setParameter(1, day).setParameter(2, kind.name()).executeUpdate();
        audit.record("holiday", day, "PUT", was.isEmpty() ? null : Map.of("day", day.toString(), "kind", was.get(0)),
                Map.of("day", day.toString(), "kind", kind.name()));
        afterCommit.run(RELOAD, this::reload);
    }

    /**
     * The name under which a case keeps {@code policy} ({@code assistance_case.policy_id}): the hash of its content, its row
     * in {@code case_policy} written in the caller's transaction the first time (then remembered once committed), so a
     * case never names a policy that is not stored.
     */
    public String idOf(Policy policy) {
        String id = caseIdsStored.get(policy);
        if (id != null) {
            return id;
        }
        WrittenHere written = new WrittenHere(policy);
        id = (String) transactions.getResource(written);
        if (id == null) {
            String stored = (String) em.createNativeQuery(STORE_CASE_POLICY).setParameter(1, write(policy)).getSingleResult();
            transactions.putResource(written, stored);
            afterCommit.run(new StoredOnCommit(policy), () -> caseIdsStored.put(policy, stored));
            caseById.putIfAbsent(stored, policy);
            id = stored;
        }
        return id;
    }

    /** The policy a case keeps under {@code id} ({@link #idOf}). */
    public Policy ofCase(String id) {
        Policy policy = caseById.get(id);
        if (policy == null) {
            @SuppressWarnings("unchecked")
            List<String> rows = em.createNativeQuery("SELECT policy::text FROM case_policy WHERE id = ?1").setParameter(1, id).getResultList();
            if (rows.isEmpty()) {
                throw new IllegalStateException("a case names policy " + id + ", which is not stored");
            }
            policy = read(rows.get(0));
            caseById.putIfAbsent(id, policy);
        }
        return policy;
    }

    /** Reads a policy snapshot. */
    public Policy read(String definition) {
        try {
            return json.readValue(definition, Policy.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored policy is not readable", e);
        }
    }

    /** Writes a policy snapshot. */
    public String write(Policy policy) {
        try {
            return json.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets cached policies and calendar (after a change by another instance, or in tests). */
    public void reload() {
        policies = null;
        calendar = null;
    }

}
