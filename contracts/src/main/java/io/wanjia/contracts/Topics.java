package io.wanjia.contracts;

/** The Kafka topics of the platform; each has a dead-letter twin named {@code <topic>.dlq}. */
public final class Topics {

    public static final String LABOUR_STATUS_REPORTS = "labour.status-reports.v1";
    public static final String HOUSEHOLD_EVENTS = "household.events.v1";
    public static final String PLACEMENT_EVENTS = "placement.events.v1";
    public static final String ESCALATION_EVENTS = "escalation.events.v1";

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
