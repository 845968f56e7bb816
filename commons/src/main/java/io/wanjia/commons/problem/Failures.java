package io.wanjia.commons.problem;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Tells failures worth another try (a write conflict, a serialization failure, a deadlock, a database that went away)
 * from the rest. Each question is asked of the failure, its causes and the exceptions suppressed along the way: a
 * commit that the database ended reaches us as a transaction manager's {@code RollbackException} whose database error
 * is attached as a suppressed {@code XAException}, not as a cause.
 */
public final class Failures {

    private Failures() {
    }

    /** Whether {@code failure} or a cause is an optimistic-lock conflict or a PostgreSQL class-40 error. */
    public static boolean isTransient(Throwable failure) {
        return isConflict(failure) || anyOf(failure, cause -> cause instanceof SQLException sql
                && sql.getSQLState() != null && sql.getSQLState().startsWith("40"));
    }

    /**
     * Whether {@code failure} says the database could not be reached or went away (PostgreSQL SQL state class 08,
     * an administrator or crash shutdown, too many connections, or the pool timing out waiting for a connection):
     * nothing is wrong with the work, which must wait for the database rather than be given up on.
     */
    public static boolean isUnavailable(Throwable failure) {
        return anyOf(failure, cause -> {
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03") || state.equals("53300"))) {
                    return true;
                }
                if (sql.getMessage() != null && sql.getMessage().contains("Acquisition timeout")) {
                    return true;
                }
            }
            return cause instanceof java.net.ConnectException || cause.getClass().getName().endsWith("JDBCConnectionException");
        });
    }

    /** Whether {@code failure} or a cause is a lost optimistic-lock race (someone else changed the row). */
    public static boolean isConflict(Throwable failure) {
        return anyOf(failure, cause -> {
            String name = cause.getClass().getName();
            return name.endsWith("OptimisticLockException") || name.endsWith("StaleObjectStateException")
                    || name.endsWith("StaleStateException");
        });
    }

    /**
     * Whether {@code failure}, one of its causes or one of the exceptions suppressed by any of them is a {@code kind}
     * (each visited once: chains that loop back end).
     */
    private static boolean anyOf(Throwable failure, Predicate<Throwable> kind) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> next = new ArrayDeque<>();
        if (failure != null) {
            next.add(failure);
        }
        while (!next.isEmpty()) {
            Throwable failureOrCause = next.poll();
            if (!seen.add(failureOrCause)) {
                continue;
            }
            if (kind.test(failureOrCause)) {
                return true;
            }
            if (failureOrCause.getCause() != null) {
                next.add(failureOrCause.getCause());
            }
            next.addAll(List.of(failureOrCause.getSuppressed()));
        }
        return false;
    }
}
