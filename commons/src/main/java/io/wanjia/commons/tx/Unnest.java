package io.wanjia.commons.tx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Many rows written by one statement: {@code INSERT INTO table (columns) SELECT * FROM unnest(?::text[]::type[], …)},
 * one array parameter per column. A hot path that writes hundreds of rows of one table per transaction pays PostgreSQL's
 * per-statement work once instead of once a row (deadline-monitor's new cases, reporting-service's member statuses).
 * Values travel as text, which PostgreSQL reads into each column's type: dates and instants in ISO form, enums by
 * name, null as null.
 */
public final class Unnest {

    private Unnest() {
    }

    /** A column of a set-based insert: its name, its PostgreSQL type and its value in a row. */
    public record Column<T>(String name, String type, Function<T, Object> value) {
    }

    /** The insert of {@code columns} into {@code table}; a caller may append a clause (e.g. {@code ON CONFLICT …}). */
    public static String insert(String table, List<? extends Column<?>> columns) {
        return "INSERT INTO " + table + " (" + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") SELECT * FROM unnest(" + columns.stream().map(c -> "?::text[]::" + c.type() + "[]").collect(Collectors.joining(", ")) + ")";
    }

    /** Runs {@code sql} (from {@link #insert}) for {@code rows} in one statement; nothing when there are none. */
    public static <T> void execute(Connection connection, String sql, List<Column<T>> columns, List<T> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int c = 0; c < columns.size(); c++) {
                String[] values = new String[rows.size()];
                for (int r = 0; r < values.length; r++) {
                    values[r] = Objects.toString(columns.get(c).value().apply(rows.get(r)), null);
                }
                insert.setArray(c + 1, connection.createArrayOf("text", values));
            }
            insert.executeUpdate();
        }
    }
}
