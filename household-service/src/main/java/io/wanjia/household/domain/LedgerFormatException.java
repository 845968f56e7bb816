package io.wanjia.household.domain;

/**
 * A ledger file that cannot be read as the template at all (no header, an unknown or missing column, a damaged workbook,
 * bytes that are no text): a 400 when found before the job exists, which reads the header; the job's failure, with the
 * same message, when found further down the file.
 */
public class LedgerFormatException extends RuntimeException {

    private final String field;
    private final String rule;

    public LedgerFormatException(String field, String rule, String message) {
        this(field, rule, message, null);
    }

    /** With what the reading library said, for the log: the message is the caller's. */
    public LedgerFormatException(String field, String rule, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
