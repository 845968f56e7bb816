package io.wanjia.commons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.audit.AuditTrail;

/**
 * The audit trail is append-only for the service's own database role and kept for its retention: nothing is changed,
 * nothing younger than 180 days is deleted, and the hourly purge removes only what is older than the retention (#15, item 7).
 */
@QuarkusTest
class AuditRetentionIT {

    @Inject
    DataSource dataSource;
    @Inject
    AuditTrail audit;

    @Test
    void shouldRefuseToChangeOrDeleteAnEntryOrEmptyTheTrail() throws SQLException {
        String entity = entry("now()");

        assertThatThrownBy(() -> execute("UPDATE audit_entry SET actor = 'someone else' WHERE entity_id = '" + entity + "'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("DELETE FROM audit_entry WHERE entity_id = '" + entity + "'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("TRUNCATE audit_entry")).hasMessageContaining("append-only");
        assertThat(count(entity)).isEqualTo(1);
    }

    @Test
    void shouldPurgeOnlyEntriesOlderThanTheRetention() throws SQLException {
        String old = entry("now() - interval '400 days'");
        String keptByRetention = entry("now() - interval '200 days'");
        String recent = entry("now() - interval '10 days'");

        assertThat(audit.purgeExpired()).isGreaterThanOrEqualTo(1);

        assertThat(count(old)).isZero();
        assertThat(count(keptByRetention)).as("younger than the default retention of 365 days").isEqualTo(1);
        assertThat(count(recent)).isEqualTo(1);
    }

    private String entry(String at) throws SQLException {
        String entity = UUID.randomUUID().toString();
        execute("INSERT INTO audit_entry (actor, at, entity_type, entity_id, action) VALUES ('test', " + at
                + ", 'audit-test', '" + entity + "', 'WRITE')");
        return entity;
    }

    private long count(String entity) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM audit_entry WHERE entity_id = '" + entity + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
