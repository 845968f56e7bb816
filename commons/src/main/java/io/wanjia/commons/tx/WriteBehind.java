package io.wanjia.commons.tx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Inserts that nothing reads back inside their own transaction (outbox rows, timeline entries, webhook
 * deliveries) are collected and written just before the transaction commits, one JDBC batch per statement —
 * one round trip for a thousand rows instead of a thousand. They commit or roll back with the transaction like
 * any other write; a failure makes the commit fail. They run after Hibernate has flushed the transaction's
 * entities (Quarkus orders these synchronizations last), so they may refer to rows written by entities.
 */
@ApplicationScoped
public class WriteBehind {

    private static final Object KEY = WriteBehind.class;

    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    DataSource dataSource;

    /** Adds one execution of {@code sql} with {@code parameters} to the current transaction's writes. */
    public void add(String sql, Object... parameters) {
        @SuppressWarnings("unchecked")
        Map<String, List<Object[]>> pending = (Map<String, List<Object[]>>) transactions.getResource(KEY);
        if (pending == null) {
            Map<String, List<Object[]>> created = new LinkedHashMap<>();
            transactions.putResource(KEY, created);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                        write(created);
                    }
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
            pending = created;
        }
        pending.computeIfAbsent(sql, s -> new ArrayList<>()).add(parameters);
    }

    private void write(Map<String, List<Object[]>> pending) {
        try (Connection connection = dataSource.getConnection()) {
            for (Map.Entry<String, List<Object[]>> statement : pending.entrySet()) {
                try (PreparedStatement batch = connection.prepareStatement(statement.getKey())) {
                    for (Object[] row : statement.getValue()) {
                        for (int i = 0; i < row.length; i++) {
                            batch.setObject(i + 1, row[i]);
                        }
                        batch.addBatch();
                    }
                    batch.executeBatch();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the transaction's batched rows", e);
        }
    }
}
