package io.wanjia.contracts;

/** The Kafka topics of the platform; each has a dead-letter twin named {@code <topic>.dlq}. */
public final class Topics {

    public static final String LABOUR_STATUS_REPORTS = "labour.status-reports.v1";
    public static final String HOUSEHOLD_EVENTS = "household.events.v1";
    public static final String PLACEMENT_EVENTS = "placement.events.v1";
    public static final String ESCALATION_EVENTS = "escalation.events.v1";
    /**
     * Identity claims, shared by every deployment of a city (compacted): named with the city's prefix
     * ({@code wanjia.city-topic-prefix}), not a deployment's.
     */
    public static final String IDENTITY_CLAIMS = "identity.claims.v1";
    /**
     * Transfers of households between the deployments of a city (requests, releases, refusals), shared like the claims
     * and named with the city's prefix; keyed by transfer id.
     */
    public static final String HOUSEHOLD_TRANSFERS = "household.transfers.v1";

    private Topics() {
    }

    /** Whether {@code topic} is shared by the deployments of a city rather than one deployment's own. */
    public static boolean cityWide(String topic) {
        return IDENTITY_CLAIMS.equals(topic) || HOUSEHOLD_TRANSFERS.equals(topic);
    }

    /** The dead-letter topic of {@code topic}. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
