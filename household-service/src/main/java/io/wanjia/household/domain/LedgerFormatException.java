package io.wanjia.household.domain;

/** A ledger file that cannot be read as the template at all (no header, an unknown or missing column): 400 before any row. */
public class LedgerFormatException extends RuntimeException {

    private final String field;
    private final String rule;

    public LedgerFormatException(String field, String rule, String message) {
        super(message);
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
