package io.wanjia.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The counters of new episodes and new cases, written as the projection writes them — several rows in one INSERT — and
 * read inside the same transaction (rolled back afterwards), so the compactor never folds them first: the sums are what
 * one row at a time gave, and a statement adds one delta per figure, district, day and detail, not one per row.
 */
@QuarkusTest
class TallyTriggersIT {

    private static final int GENERATION = 900_000 + (int) (Math.random() * 90_000);
    private static final String HEPING = "210102";
    private static final String SHENHE = "210103";

    @Inject
    DataSource database;

    @Test
    void shouldCountAStatementsNewEpisodesOncePerFigureWithTheSumsOfOneRowAtATime() throws SQLException {
        UUID twoAtWork = UUID.randomUUID();
        UUID twoAtWorkBefore = UUID.randomUUID();
        try (Connection db = database.getConnection()) {
            db.setAutoCommit(false);
            try {
                execute(db, """
                        INSERT INTO household_employment (generation, household_id, district_code, employed)
                        VALUES (?, ?, '210102', 2), (?, ?, '210102', 2)""", GENERATION, twoAtWork, GENERATION, twoAtWorkBefore);
                execute(db, "INSERT INTO episode (generation, household_id, since, district_code) VALUES (?, ?, '2026-01-05', '210102')",
                        GENERATION, twoAtWorkBefore);
                execute(db, """
                        INSERT INTO episode (generation, household_id, since, district_code, ended_on, end_reason, transferred_from,
                            transferred_on) VALUES
                        (?, ?, '2026-03-02', '210102', NULL, NULL, NULL, NULL),
                        (?, ?, '2026-03-02', '210102', NULL, NULL, NULL, NULL),
                        (?, ?, '2026-03-02', '210102', NULL, NULL, NULL, NULL),
                        (?, ?, '2026-03-02', '210102', NULL, NULL, NULL, NULL),
                        (?, ?, '2026-02-20', '210103', NULL, NULL, '210102', '2026-03-01'),
                        (?, ?, '2026-03-01', '210103', '2026-03-04', 'PLACED', NULL, NULL)""",
                        GENERATION, twoAtWork, GENERATION, twoAtWorkBefore, GENERATION, UUID.randomUUID(),
                        GENERATION, UUID.randomUUID(), GENERATION, UUID.randomUUID(), GENERATION, UUID.randomUUID());

                Map<String, Long> sums = sums(db, "newly", "moved_in", "open", "eliminated", "double");
                assertThat(sums).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "newly 210102 2026-01-05 ", 1L,
                        "newly 210102 2026-03-02 ", 4L,
                        "newly 210103 2026-03-01 ", 1L,
                        "moved_in 210103 2026-03-01 ", 1L,
                        "open 210102 -infinity ", 5L,
                        "open 210103 -infinity ", 1L,
                        "eliminated 210103 2026-03-04 PLACED", 1L,
                        "double 210102 -infinity ", 2L)); // each household at its first episode, not again at its second
                assertThat(rows(db, "newly", HEPING, "2026-03-02")).isEqualTo(1); // four episodes, one delta
                assertThat(rows(db, "open", HEPING, "-infinity")).isEqualTo(2); // one per statement
            } finally {
                db.rollback();
            }
        }
    }

    @Test
    void shouldCountAStatementsNewOpenCasesOnceAndACaseInsertedClosedAsBefore() throws SQLException {
        try (Connection db = database.getConnection()) {
            db.setAutoCommit(false);
            try {
                execute(db, """
                        INSERT INTO case_fact (generation, case_id, household_id, district_code, since, clock_from, last_day, status)
                        VALUES (?, ?, ?, '210102', '2026-03-02', '2026-03-02', '2026-03-21', 'OPEN'),
                               (?, ?, ?, '210102', '2026-03-02', '2026-03-02', '2026-03-21', 'OPEN'),
                               (?, ?, ?, '210102', '2026-03-02', NULL, NULL, 'OPEN')""",
                        GENERATION, UUID.randomUUID(), UUID.randomUUID(), GENERATION, UUID.randomUUID(), UUID.randomUUID(),
                        GENERATION, UUID.randomUUID(), UUID.randomUUID());
                execute(db, """
                        INSERT INTO case_fact (generation, case_id, household_id, district_code, since, clock_from, last_day, status,
                            outcome, closed_on, days, channel)
                        VALUES (?, ?, ?, '210103', '2026-03-02', '2026-03-02', '2026-03-21', 'CLOSED', 'MET', '2026-03-09', 8, 'ENTERPRISE')""",
                        GENERATION, UUID.randomUUID(), UUID.randomUUID());

                assertThat(sums(db, "open_case", "closed", "closed_days", "channel_days")).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "open_case 210102 2026-03-02 2026-03-21", 2L,
                        "open_case 210102 2026-03-02 ", 1L,
                        "closed 210103 2026-03-09 MET", 1L,
                        "closed_days 210103 2026-03-09 8", 1L,
                        "channel_days 210103 2026-03-09 ENTERPRISE:8", 1L));
                assertThat(rows(db, "open_case", HEPING, "2026-03-02")).isEqualTo(2); // three cases: one delta per last day
                assertThat(rows(db, "closed", SHENHE, "2026-03-09")).isEqualTo(1);
            } finally {
                db.rollback();
            }
        }
    }

    /** The test generation's counters of {@code figures}, summed: "figure district day detail" → n. */
    private static Map<String, Long> sums(Connection db, String... figures) throws SQLException {
        Map<String, Long> sums = new LinkedHashMap<>();
        try (PreparedStatement select = db.prepareStatement("""
                SELECT figure || ' ' || district_code || ' ' || day || ' ' || detail, sum(n) FROM tally_delta
                WHERE generation = ? AND figure = ANY(?) GROUP BY 1""")) {
            select.setInt(1, GENERATION);
            select.setArray(2, db.createArrayOf("text", figures));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sums.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return sums;
    }

    /** How many delta rows the test generation has for one counter. */
    private static long rows(Connection db, String figure, String district, String day) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "SELECT count(*) FROM tally_delta WHERE generation = ? AND figure = ? AND district_code = ? AND day = CAST(? AS date)")) {
            select.setInt(1, GENERATION);
            select.setString(2, figure);
            select.setString(3, district);
            select.setString(4, day);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void execute(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
