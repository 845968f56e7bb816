package io.wanjia.commons.outbox;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox relay's settings. */
@ConfigMapping(prefix = "wanjia.outbox")
public interface OutboxConfig {

    /** The CloudEvents {@code ce_source} of this service's events, e.g. {@code /wanjia/household-service}. */
    String source();

    /** Whether this instance runs the relay (one instance at a time sends; the others stand by). */
    @WithDefault("true")
    boolean relayEnabled();

    /** How many rows one relay pass sends at most. */
    @WithDefault("1000")
    int batchSize();

    /** How often the relay looks for rows it was not woken for (other instances, restarts). */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** The longest wait between attempts after Kafka or the database failed. */
    @WithDefault("PT30S")
    Duration maxBackoff();

    /**
     * The most a dead-letter copy may hold (key, headers and value, in bytes); a bigger one is cut. Below the
     * producer's {@code max.request.size} (1 MiB by default) with room for the record's own framing.
     */
    @WithDefault("1000000")
    int maxRecordBytes();

    /**
     * AES-256 key (base64 of 32 bytes) that seals dead-letter copies at rest ({@link DeadLetterSeal}); set where a
     * consumed topic carries personal data (household-service's labour reports).
     */
    Optional<String> deadLetterKey();

    /**
     * How long rows Kafka refused for good are kept (sent rows are deleted as they are sent; processed-event ids:
     * {@code wanjia.inbox.retention}).
     */
    @WithDefault("P14D")
    Duration retention();
}
