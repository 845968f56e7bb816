package io.wanjia.household.domain;

/**
 * What is wrong with one cell (or row) of a ledger: the row as a spreadsheet numbers it (the header is row 1), the
 * column's header as the file wrote it (null for the row as a whole), the rule broken and a sentence. Never the cell's
 * value: a national ID must not reach an error report.
 */
public record LedgerError(long row, String column, String rule, String message) {
}
