package io.wanjia.commons.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * What an operator alerts on about the outbox, looked up every 15 seconds (one indexed query): how many rows wait
 * to be sent ({@code wanjia_outbox_backlog}), how long the oldest has waited ({@code wanjia_outbox_oldest_unsent_seconds}),
 * and how many Kafka refused for good ({@code wanjia_outbox_failed_rows}). A backlog that only grows means the
 * relay or Kafka is stuck; any failed row needs a person.
 */
@ApplicationScoped
public class OutboxGauges {

    @Inject
    DataSource dataSource;

    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();
    private final AtomicLong failedRows = new AtomicLong();

    void register(@Observes StartupEvent event, MeterRegistry metrics) {
        metrics.gauge("wanjia.outbox.backlog", backlog);
        metrics.gauge("wanjia.outbox.oldest-unsent-seconds", oldestSeconds);
        metrics.gauge("wanjia.outbox.failed-rows", failedRows);
    }

    /** Reads the figures now (every 15 seconds by itself). */
    @Scheduled(every = "15s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void look() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement unsent = connection.prepareStatement(
                        "SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM outbox_event"
                                + " WHERE sent_at IS NULL AND failed_at IS NULL");
                PreparedStatement failed = connection.prepareStatement(
                        "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL AND failed_at IS NOT NULL")) {
            try (ResultSet rows = unsent.executeQuery()) {
                rows.next();
                backlog.set(rows.getLong(1));
                // The database's own time: rows are stamped by it, and a service's clock may be moved in tests.
                oldestSeconds.set(Math.max(0, (long) rows.getDouble(2)));
            }
            try (ResultSet rows = failed.executeQuery()) {
                rows.next();
                failedRows.set(rows.getLong(1));
            }
        }
    }
}
