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
