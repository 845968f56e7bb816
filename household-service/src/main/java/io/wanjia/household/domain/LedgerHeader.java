package io.wanjia.household.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The header row of a ledger: which column of the file is which template column. Headers are the template's Chinese
 * ones or the API's field names, in any order; an unknown header, a repeated one or a missing required one makes the
 * whole file unreadable ({@link LedgerFormatException}), as nothing below it could be checked.
 */
public final class LedgerHeader {

    private final LedgerColumn[] byIndex;
    private final Map<LedgerColumn, String> written = new EnumMap<>(LedgerColumn.class);

    private LedgerHeader(LedgerColumn[] byIndex) {
        this.byIndex = byIndex;
    }

    /** The header of a file whose first row holds {@code cells}; blank cells are columns the file leaves unnamed and unused. */
    public static LedgerHeader of(List<String> cells) {
        if (cells == null || cells.stream().allMatch(c -> c == null || c.isBlank())) {
            throw new LedgerFormatException("file", "header", "the first row must hold the template's headers, e.g. "
                    + LedgerColumn.HOUSEHOLD_REF.chinese() + ", " + LedgerColumn.NATIONAL_ID.chinese());
        }
        LedgerHeader header = new LedgerHeader(new LedgerColumn[cells.size()]);
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (cell == null || cell.isBlank()) {
                continue;
            }
            String text = cell.strip();
            // Named by its place, never by its text: a file without a header row starts with a member's name and ID number.
            String place = columnLetters(i) + "1";
            LedgerColumn column = LedgerColumn.byHeader(text).orElseThrow(() -> new LedgerFormatException(place, "known-header",
                    "the header in " + place + " is not a column of the template (its Chinese headers, e.g. " + LedgerColumn.HOUSEHOLD_REF.chinese()
                    + ", " + LedgerColumn.NATIONAL_ID.chinese() + ", or the API's field names; is the first row the header?)"));
            if (header.written.containsKey(column)) {
                throw new LedgerFormatException(text, "unique-header", "the column " + column.chinese() + " (" + column.field()
                        + ") appears twice");
            }
            header.byIndex[i] = column;
            header.written.put(column, text);
        }
        List<String> missing = new ArrayList<>();
        for (LedgerColumn column : LedgerColumn.values()) {
            if (column.required() && !header.written.containsKey(column)) {
                missing.add(column.chinese() + " (" + column.field() + ")");
            }
        }
        if (!missing.isEmpty()) {
            LedgerColumn first = LedgerColumn.byHeader(missing.get(0).substring(0, missing.get(0).indexOf(' '))).orElseThrow();
            throw new LedgerFormatException(first.chinese(), "required-header", "the file lacks the required column(s) "
                    + String.join(", ", missing));
        }
        return header;
    }

    /** The cells of one data row by column (absent columns absent, blank cells as empty strings). */
    public Map<LedgerColumn, String> cells(List<String> row) {
        Map<LedgerColumn, String> cells = new EnumMap<>(LedgerColumn.class);
        for (int i = 0; i < byIndex.length; i++) {
            if (byIndex[i] != null) {
                String cell = i < row.size() ? row.get(i) : null;
                cells.put(byIndex[i], cell == null ? "" : cell.strip());
            }
        }
        return cells;
    }

    /** The header as the file wrote it, for error reports; the template's when the file has no such column. */
    public String written(LedgerColumn column) {
        return Optional.ofNullable(written.get(column)).orElse(column.chinese());
    }

    /** The columns the file has. */
    public Map<LedgerColumn, String> columns() {
        return Collections.unmodifiableMap(written);
    }

    /** Whether a row of {@code row}'s cells is blank throughout (spreadsheets end with such rows). */
    public static boolean blank(List<String> row) {
        return row.stream().allMatch(c -> c == null || c.isBlank());
    }

    /** A column's letters as a spreadsheet shows them: 0 is A, 25 Z, 26 AA. */
    static String columnLetters(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }
}
