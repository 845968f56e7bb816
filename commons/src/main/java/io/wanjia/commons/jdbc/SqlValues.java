package io.wanjia.commons.jdbc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Reads native-query date and time columns whichever java type the JDBC driver and Hibernate hand back. */
public final class SqlValues {

    private SqlValues() {
    }

    public static LocalDate date(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        return ((java.sql.Date) value).toLocalDate();
    }

    public static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
