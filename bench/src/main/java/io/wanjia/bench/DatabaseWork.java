package io.wanjia.bench;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What PostgreSQL wrote so far for the four services: WAL bytes of the whole cluster (every row and index write,
 * autovacuum's included) and rows inserted, updated and deleted in the services' bench databases. Unlike CPU time on
 * this shared VM, the difference of two snapshots hardly moves between runs of the same code, so it judges a change
 * to the writes per event at once.
 */
record DatabaseWork(long walBytes, long rowWrites) {

    static DatabaseWork snapshot(BenchConfig config) throws SQLException {
        long rows = 0;
        for (String database : Services.DATABASES.values()) {
            try (Connection c = Ingestion.connect(config, database)) {
                // Statistics are collected as transactions end; take what this backend has not yet seen afresh.
                Ingestion.count(c, "SELECT count(*) FROM pg_stat_clear_snapshot()");
                rows += Ingestion.count(c, "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables");
            }
        }
        try (Connection c = Ingestion.connect(config, "deadline")) {
            return new DatabaseWork(Ingestion.count(c, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint"), rows);
        }
    }

    DatabaseWork since(DatabaseWork before) {
        return new DatabaseWork(walBytes - before.walBytes, rowWrites - before.rowWrites);
    }
}
