package io.wanjia.commons.tx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Writes that nothing reads back inside their own transaction (outbox rows, timeline entries, webhook
 * deliveries, read-model facts) are collected and executed just before the transaction commits, in JDBC
 * batches — one round trip for a thousand rows instead of a thousand. They commit or roll back with the
 * transaction like any other write; a failure makes the commit fail. They run after Hibernate has flushed the
 * transaction's entities (Quarkus orders these synchronizations last), so they may refer to rows written by
 * entities.
 * <p>
 * Writes are kept in <em>groups</em>: within a group they run in the order they were added (consecutive runs
 * of the same statement form one batch); groups run one after the other, so writes of different groups must
 * not depend on each other's order — a group is typically one table. Rows that the groups' writes refer to
 * and that stay in memory until the commit (new rows their transaction may still change) are written by a
 * task {@linkplain #first first}, before any group; so is what a transaction {@linkplain #collect collects} (which
 * may also read, lock, and add writes to the groups). Once the commit's writing has begun, a new task or collection
 * is refused: it would never run.
 */
@ApplicationScoped
public class WriteBehind {

    private static final Object KEY = WriteBehind.class;

    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    DataSource dataSource;

    private record Write(String sql, Object[] parameters) {
    }

    /** Work on the transaction's connection. */
    @FunctionalInterface
    public interface Task {
        void run(Connection connection) throws SQLException;
    }

    /** Work on the transaction's connection with what the transaction collected ({@link #collect}). */
    @FunctionalInterface
    public interface CollectedTask<T> {
        void run(Connection connection, T collected) throws SQLException;
    }

    /** What a transaction has to write at its commit: the tasks by their keys, then the groups; what it collected by key. */
    private static final class Pending {
        final Map<Object, Task> first = new LinkedHashMap<>();
        final Map<String, List<Write>> groups = new LinkedHashMap<>();
        final Map<Object, Object> collected = new HashMap<>();
        boolean writing;

        /** The tasks, unless the commit's writing has begun (a task added then would never run). */
        Map<Object, Task> tasks() {
            if (writing) {
                throw new IllegalStateException("the transaction's writes at commit have begun: a task added now would never run");
            }
            return first;
        }
    }

    /**
     * Runs {@code task} at commit on the transaction's connection, after Hibernate's flush and before every group (whose
     * writes may refer to the rows it writes). A task added again under the same {@code key} in the same transaction is
     * not added twice.
     */
    public void first(Object key, Task task) {
        pending().tasks().putIfAbsent(key, task);
    }

    /**
     * What the transaction collected under {@code key} so far — made by {@code create} at the first call — to be written
     * by {@code task} at commit as a {@linkplain #first first} task: rows a transaction gathers one by one (and may still
     * merge) and writes set-based, in one statement, once it is done.
     */
    @SuppressWarnings("unchecked")
    public <T> T collect(Object key, Supplier<T> create, CollectedTask<T> task) {
        Pending pending = pending();
        Object collected = pending.collected.get(key);
        if (collected == null) {
            T created = create.get();
            pending.collected.put(key, created);
            first(key, connection -> task.run(connection, created));
            return created;
        }
        return (T) collected;
    }

    /** Adds one execution of {@code sql} with {@code parameters}; executions of the same statement are one group. */
    public void add(String sql, Object... parameters) {
        addInOrder(sql, sql, parameters);
    }

    /** Adds one execution of {@code sql} to {@code group}, to run after the group's earlier writes. */
    public void addInOrder(String group, String sql, Object... parameters) {
        pending().groups.computeIfAbsent(group, g -> new ArrayList<>()).add(new Write(sql, parameters));
    }

    private Pending pending() {
        Pending pending = (Pending) transactions.getResource(KEY);
        if (pending == null) {
            Pending created = new Pending();
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
        return pending;
    }

    private void write(Pending pending) {
        pending.writing = true;
        try (Connection connection = dataSource.getConnection()) {
            for (Task task : pending.first.values()) {
                task.run(connection);
            }
            for (List<Write> group : pending.groups.values()) {
                int from = 0;
                while (from < group.size()) {
                    String sql = group.get(from).sql();
                    int to = from;
                    while (to < group.size() && group.get(to).sql().equals(sql)) {
                        to++;
                    }
                    execute(connection, sql, group.subList(from, to));
                    from = to;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the transaction's batched rows", e);
        }
    }

    private static void execute(Connection connection, String sql, List<Write> run) throws SQLException {
        try (PreparedStatement batch = connection.prepareStatement(sql)) {
            for (Write write : run) {
                for (int i = 0; i < write.parameters().length; i++) {
                    batch.setObject(i + 1, write.parameters()[i]);
                }
                batch.addBatch();
            }
            batch.executeBatch();
        }
    }
}
