package io.wanjia.commons.inbox;

/**
 * An incoming event that can never be processed as it is: it goes to the dead-letter topic by Kafka, or is
 * answered 400 by HTTP. The message names the field at fault and never carries a national ID.
 */
public class RejectedEventException extends RuntimeException {

    private final String field;

    public RejectedEventException(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
    }

    /** The header or data field at fault. */
    public String field() {
        return field;
    }
}
