package io.wanjia.commons.problem;

import java.sql.SQLException;

/** Tells failures worth another try (a write conflict, a serialization failure, a deadlock) from the rest. */
public final class Failures {

    private Failures() {
    }

    /** Whether {@code failure} or a cause is an optimistic-lock conflict or a PostgreSQL class-40 error. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (isConflict(cause)) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * Whether {@code failure} says the database could not be reached or went away (PostgreSQL SQL state class 08,
     * an administrator or crash shutdown, too many connections, or the pool timing out waiting for a connection):
     * nothing is wrong with the work, which must wait for the database rather than be given up on.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
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
            if (cause instanceof java.net.ConnectException || cause.getClass().getName().endsWith("JDBCConnectionException")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Whether {@code failure} or a cause is a lost optimistic-lock race (someone else changed the row). */
    public static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String name = cause.getClass().getName();
            if (name.endsWith("OptimisticLockException") || name.endsWith("StaleObjectStateException")
                    || name.endsWith("StaleStateException")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
