package io.wanjia.commons.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import io.wanjia.commons.inbox.InboxConfig;

/**
 * Deletes failed outbox rows older than {@code wanjia.outbox.retention} (sent rows are deleted by the relay as Kafka
 * takes them; rows a previous version marked sent go here too), and processed-event ids older than
 * {@code wanjia.inbox.retention} (longer than the labour-report topic keeps its records).
 */
@ApplicationScoped
public class Housekeeping {

    @Inject
    DataSource dataSource;
    @Inject
    OutboxConfig config;
    @Inject
    InboxConfig inbox;
    @Inject
    Clock clock;

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void purge() throws SQLException {
        Timestamp before = Timestamp.from(clock.instant().minus(config.retention()));
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "DELETE FROM outbox_event WHERE sent_at < ?", before);
            execute(connection, "DELETE FROM outbox_event WHERE sent_at IS NULL AND failed_at < ?", before);
            execute(connection, "DELETE FROM processed_event WHERE processed_at < ?",
                    Timestamp.from(clock.instant().minus(inbox.retention())));
        }
    }

    private static void execute(Connection connection, String sql, Timestamp before) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, before);
            statement.executeUpdate();
        }
    }
}
