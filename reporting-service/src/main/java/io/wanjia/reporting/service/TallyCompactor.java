package io.wanjia.reporting.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.wanjia.commons.worker.WakeableLoop;

/**
 * Folds the counters' deltas ({@code tally_delta}, appended by the fact tables' triggers) into {@code tally}
 * every second, so a summary sums few rows. One replica folds at a time (an advisory lock); figures are exact
 * before, during and after a fold because readers sum both tables in one statement.
 */
@ApplicationScoped
public class TallyCompactor {

    /** The advisory lock key of the fold ("tally" in ASCII). */
    private static final long FOLD_LOCK = 0x74616c6c79L;
    private static final Duration EVERY = Duration.ofSeconds(1);

    @Inject
    EntityManager em;
    @Inject
    DataSource dataSource;

    private WakeableLoop loop;

    void onStart(@Observes StartupEvent event) {
        loop = new WakeableLoop("tally-compactor", () -> {
            if (fold() > 0) {
                vacuum();
            }
            return EVERY;
        }, Duration.ofSeconds(30));
        loop.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        loop.stop();
    }

    /**
     * Clears the folded deltas' dead rows at once: every summary scans {@code tally_delta}, and autovacuum would
     * leave up to a minute of churn in it (measured: a scan of the empty table took 3 ms before, 0.02 ms after).
     */
    private void vacuum() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM tally_delta");
        }
    }

    /** Waits for a fold under way and keeps others out until the caller's transaction ends (deleting a generation). */
    static void lockOutFolds(EntityManager em) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, FOLD_LOCK).getSingleResult();
    }

    /** Folds the deltas committed so far; returns how many it folded (0 when another replica is folding). */
    public int fold() {
        return QuarkusTransaction.requiringNew().call(() -> {
            boolean mine = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)").setParameter(1, FOLD_LOCK)
                    .getSingleResult();
            if (!mine) {
                return 0;
            }
            return ((Number) em.createNativeQuery("""
                    WITH moved AS (DELETE FROM tally_delta RETURNING generation, figure, district_code, day, detail, n),
                    folded AS (
                        INSERT INTO tally AS t (generation, figure, district_code, day, detail, n)
                        SELECT generation, figure, district_code, day, detail, sum(n) FROM moved
                        GROUP BY generation, figure, district_code, day, detail
                        ON CONFLICT (generation, figure, district_code, day, detail) DO UPDATE SET n = t.n + EXCLUDED.n)
                    SELECT count(*) FROM moved""").getSingleResult()).intValue();
        });
    }
}
