package io.wanjia.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.reporting.service.Projection;

/**
 * A rebuild counts its generation once, at the end ({@code recount}, V13): facts of every kind, written and changed one
 * statement at a time with the triggers counting, give counters that {@code recount} gives again from the facts alone;
 * and a transaction that defers the counters ({@code wanjia.counters}, as the rebuild's do) leaves them to it. Each test
 * writes a generation of its own (the first two in one transaction, rolled back), which no figure reads.
 */
@QuarkusTest
class RecountIT {

    /** Every figure the triggers keep; the facts below give each of them. */
    private static final TreeSet<String> FIGURES = new TreeSet<>(java.util.List.of("newly", "moved_in", "open", "eliminated",
            "cohort_open", "double", "open_case", "closed", "closed_days", "channel_days", "escalation", "placement", "pw_held",
            "pw_cost", "report", "identified", "referred", "trained", "target_open", "target_closed"));

    @Inject
    DataSource database;
    @Inject
    Projection projection;

    @Test
    void shouldRecountAGenerationToTheCountersItsTriggersKept() throws SQLException {
        int generation = privateGeneration();
        rolledBack(db -> {
            writeFacts(db, generation);
            Map<String, Long> counted = counters(db, generation);
            assertThat(figuresOf(counted)).as("the facts give every figure").isEqualTo(FIGURES);

            execute(db, "SELECT recount(?)", generation);

            assertThat(counters(db, generation)).isEqualTo(counted);
        });
    }

    @Test
    void shouldLeaveADeferredTransactionsFactsUncountedUntilTheRecount() throws SQLException {
        int generation = privateGeneration();
        Map<String, Long> counted = new TreeMap<>();
        rolledBack(db -> {
            writeFacts(db, generation);
            counted.putAll(counters(db, generation));
        });
        rolledBack(db -> {
            execute(db, "SELECT set_config('wanjia.counters', 'deferred', true)");
            writeFacts(db, generation);
            assertThat(counters(db, generation)).as("nothing counted while deferred").isEmpty();

            execute(db, "SELECT recount(?)", generation);

            assertThat(counters(db, generation)).isEqualTo(counted);
        });
    }

    @Test
    void shouldPassOverTheCountersOfATransactionThatDefersThemThroughTheProjection() throws SQLException {
        int generation = privateGeneration();
        UUID deferred = UUID.randomUUID(), counted = UUID.randomUUID();
        LocalDate on = LocalDate.of(2026, 3, 2);
        QuarkusTransaction.requiringNew().run(() -> {
            projection.deferCounters();
            projection.apply(generation, MemberStatusBatchIT.changed(deferred, UUID.randomUUID(), true, on));
        });
        QuarkusTransaction.requiringNew().run(() -> projection.apply(generation, MemberStatusBatchIT.changed(counted, UUID.randomUUID(), true, on)));

        try (Connection db = database.getConnection()) {
            assertThat(number(db, "SELECT count(*) FROM member_status WHERE generation = ?", generation)).as("both written").isEqualTo(2);
            assertThat(counters(db, generation)).as("only the other transaction's member counted")
                    .isEqualTo(Map.of("employed " + counted + " 210102", 1L));
        }
    }

    /**
     * Facts of every kind, and the changes the projection makes to them, each in a statement of its own; the same ids for
     * the same generation.
     */
    private static void writeFacts(Connection db, int g) throws SQLException {
        Ids ids = new Ids(g);
        UUID twoAtWork = ids.next(), oneAtWork = ids.next(), wasTwo = ids.next(), moved = ids.next(), neverZero = ids.next();
        // Members: a household with two in work (found zero-employment later: 双就业 then), one with one, one with two of
        // whom one lost the work, and one with two in work never zero-employment.
        execute(db, """
                INSERT INTO member_status (generation, member_id, household_id, district_code, employed, effective_on) VALUES
                (?, ?, ?, '210102', true, '2026-01-02'), (?, ?, ?, '210102', true, '2026-01-02'),
                (?, ?, ?, '210102', true, '2026-01-02'), (?, ?, ?, '210103', false, '2026-01-02'),
                (?, ?, ?, '210103', true, '2026-01-02'), (?, ?, ?, '210103', true, '2026-01-02'),
                (?, ?, ?, '210104', true, '2026-01-02'), (?, ?, ?, '210104', true, '2026-01-02')""",
                g, ids.next(), twoAtWork, g, ids.next(), twoAtWork, g, ids.next(), oneAtWork,
                g, ids.next(), oneAtWork, g, ids.next(), wasTwo, g, ids.next(), wasTwo,
                g, ids.next(), neverZero, g, ids.next(), neverZero);
        execute(db, "UPDATE member_status SET employed = false WHERE generation = ? AND member_id = "
                + "(SELECT member_id FROM member_status WHERE generation = ? AND household_id = ? ORDER BY member_id LIMIT 1)", g, g, wasTwo);
        // Episodes: found, moved in, ended (by placement and by exit), of another cohort open and ended.
        execute(db, """
                INSERT INTO episode (generation, household_id, since, district_code, cohort, ended_on, end_reason, transferred_from,
                    transferred_on) VALUES
                (?, ?, '2026-03-02', '210102', 'STANDARD', NULL, NULL, NULL, NULL),
                (?, ?, '2026-03-02', '210103', 'STANDARD', NULL, NULL, NULL, NULL),
                (?, ?, '2026-03-03', '210103', 'STANDARD', NULL, NULL, NULL, NULL),
                (?, ?, '2026-02-20', '210104', 'SHANTYTOWN', NULL, NULL, '210102', '2026-03-01'),
                (?, ?, '2026-03-04', '210102', 'GRADUATE_FAMILY', NULL, NULL, NULL, NULL),
                (?, ?, '2026-03-05', '210102', 'GRADUATE_FAMILY', NULL, NULL, NULL, NULL)""",
                g, twoAtWork, g, oneAtWork, g, wasTwo, g, moved, g, ids.next(), g, ids.next());
        execute(db, "UPDATE episode SET ended_on = '2026-03-09', end_reason = 'PLACED' WHERE generation = ? AND household_id = ?",
                g, oneAtWork);
        execute(db, "UPDATE episode SET ended_on = '2026-03-10', end_reason = 'EXITED' WHERE generation = ? AND since = '2026-03-05'", g);
        // Cases: open with a last day, awaiting its clock, then started; closed met (with a channel), late, withdrawn; and one
        // inserted closed, which the projection never writes but a row trigger counts.
        UUID awaiting = ids.next(), met = ids.next(), late = ids.next(), withdrawn = ids.next();
        execute(db, """
                INSERT INTO case_fact (generation, case_id, household_id, district_code, since, clock_from, last_day, status) VALUES
                (?, ?, ?, '210102', '2026-03-02', '2026-03-02', '2026-03-21', 'OPEN'),
                (?, ?, ?, '210102', '2026-03-02', NULL, NULL, 'OPEN'), (?, ?, ?, '210103', '2026-03-02', '2026-03-02', '2026-03-21', 'OPEN'),
                (?, ?, ?, '210103', '2026-03-02', '2026-03-02', '2026-03-21', 'OPEN'),
                (?, ?, ?, '210103', '2026-03-02', '2026-03-02', '2026-03-21', 'OPEN')""",
                g, ids.next(), twoAtWork, g, awaiting, ids.next(), g, met, oneAtWork, g, late, ids.next(),
                g, withdrawn, ids.next());
        execute(db, """
                INSERT INTO case_fact (generation, case_id, household_id, district_code, since, clock_from, last_day, status, outcome,
                    closed_on, days, channel)
                VALUES (?, ?, ?, '210104', '2026-02-20', '2026-02-20', '2026-03-11', 'CLOSED', 'MET', '2026-03-03', 12, 'PUBLIC_WELFARE')""",
                g, ids.next(), moved);
        execute(db, "UPDATE case_fact SET clock_from = '2026-03-06', last_day = '2026-03-25' WHERE generation = ? AND case_id = ?", g, awaiting);
        execute(db, "UPDATE case_fact SET current_level = 'STREET' WHERE generation = ? AND case_id = ?", g, late);
        closeCase(db, g, met, "MET", "2026-03-09", 8, "ENTERPRISE");
        closeCase(db, g, late, "MET_LATE", "2026-03-30", 29, null);
        closeCase(db, g, withdrawn, "WITHDRAWN", "2026-03-11", null, null);
        execute(db, """
                INSERT INTO escalation_fact (generation, event_id, case_id, district_code, level, day, breach, due_on) VALUES
                (?, ?, ?, '210103', 'STREET', 11, false, '2026-03-12'), (?, ?, ?, '210103', 'CITY', 21, true, '2026-03-22')""",
                g, ids.next().toString(), late, g, ids.next().toString(), late);
        // Placements: in an enterprise; public-welfare posts held, ended later, and inserted already ended.
        UUID post = ids.next();
        execute(db, """
                INSERT INTO placement_fact (generation, placement_id, household_id, member_id, district_code, kind, start_date, ended_on,
                    monthly_subsidy) VALUES
                (?, ?, ?, ?, '210103', 'ENTERPRISE', '2026-03-09', NULL, NULL),
                (?, ?, ?, ?, '210102', 'PUBLIC_WELFARE', '2026-03-10', NULL, 1850.50),
                (?, ?, ?, ?, '210102', 'PUBLIC_WELFARE', '2026-03-11', NULL, NULL),
                (?, ?, ?, ?, '210102', 'PUBLIC_WELFARE', '2026-01-05', '2026-02-28', 1200.00)""",
                g, ids.next(), oneAtWork, ids.next(), g, post, twoAtWork, ids.next(),
                g, ids.next(), ids.next(), ids.next(), g, ids.next(), ids.next(), ids.next());
        execute(db, "UPDATE placement_fact SET ended_on = '2026-04-30' WHERE generation = ? AND placement_id = ?", g, post);
        execute(db, """
                INSERT INTO report_fact (generation, event_id, district_code, type, occurred_on, reports) VALUES
                (?, 'r1#0', '210102', 'UNEMPLOYMENT_REPORTED', '2026-03-01', 3), (?, 'raw-1', '210102', 'UNEMPLOYMENT_REPORTED', '2026-03-01', 1)""",
                g, g);
        execute(db, """
                INSERT INTO identification_fact (generation, identification_id, household_id, district_code, confirmed_on)
                VALUES (?, ?, ?, '210103', '2026-03-05')""", g, ids.next(), wasTwo);
        UUID trained = ids.next();
        execute(db, """
                INSERT INTO training_fact (generation, referral_id, district_code, referred_on) VALUES
                (?, ?, '210102', '2026-03-03'), (?, ?, '210102', '2026-03-04')""", g, trained, g, ids.next());
        execute(db, "UPDATE training_fact SET outcome = 'CERTIFIED', ended_on = '2026-04-03' WHERE generation = ? AND referral_id = ?",
                g, trained);
        UUID closedTarget = ids.next();
        execute(db, """
                INSERT INTO target_case_fact (generation, case_id, target, district_code, since) VALUES
                (?, ?, 'GRADUATE', '210102', '2026-03-01'), (?, ?, 'DOUBLE_EMPLOYMENT', '210103', '2026-03-02')""",
                g, closedTarget, g, ids.next());
        execute(db, "UPDATE target_case_fact SET outcome = 'MET', closed_on = '2026-03-20' WHERE generation = ? AND case_id = ?",
                g, closedTarget);
    }

    private static void closeCase(Connection db, int g, UUID id, String outcome, String on, Integer days, String channel)
            throws SQLException {
        execute(db, """
                UPDATE case_fact SET status = 'CLOSED', outcome = ?, closed_on = CAST(? AS date), days = ?, channel = ?
                WHERE generation = ? AND case_id = ?""", outcome, on, days, channel, g, id);
    }

    /**
     * A generation's counters, summed over the folded and the unfolded ("figure district day detail" → n, zeros left out),
     * and its households' members in work ("employed household district" → n).
     */
    static Map<String, Long> counters(Connection db, int generation) throws SQLException {
        Map<String, Long> counters = new TreeMap<>();
        try (PreparedStatement select = db.prepareStatement("""
                SELECT figure || ' ' || district_code || ' ' || day || ' ' || detail, sum(n) FROM (
                    SELECT figure, district_code, day, detail, n FROM tally WHERE generation = ?
                    UNION ALL SELECT figure, district_code, day, detail, n FROM tally_delta WHERE generation = ?) counters
                GROUP BY 1 HAVING sum(n) <> 0
                UNION ALL
                SELECT 'employed ' || household_id || ' ' || district_code, employed FROM household_employment
                WHERE generation = ? AND employed <> 0""")) {
            select.setInt(1, generation);
            select.setInt(2, generation);
            select.setInt(3, generation);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counters.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counters;
    }

    private static long number(Connection db, String sql, int generation) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(sql)) {
            select.setInt(1, generation);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static TreeSet<String> figuresOf(Map<String, Long> counters) {
        TreeSet<String> figures = new TreeSet<>();
        counters.keySet().stream().map(key -> key.substring(0, key.indexOf(' '))).filter(f -> !f.equals("employed")).forEach(figures::add);
        return figures;
    }

    /** Ids that repeat for a generation: the same facts written twice have the same keys. */
    private static final class Ids {
        private final java.util.Random random;

        Ids(int generation) {
            random = new java.util.Random(generation);
        }

        UUID next() {
            return new UUID(random.nextLong(), random.nextLong());
        }
    }

    /** Work on one connection in a transaction that is rolled back, whatever happens. */
    private interface SqlWork {
        void run(Connection db) throws SQLException;
    }

    private void rolledBack(SqlWork work) throws SQLException {
        try (Connection db = database.getConnection()) {
            db.setAutoCommit(false);
            try {
                work.run(db);
            } finally {
                db.rollback();
            }
        }
    }

    private static int privateGeneration() {
        return 700_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(90_000);
    }

    private static void execute(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }
}
