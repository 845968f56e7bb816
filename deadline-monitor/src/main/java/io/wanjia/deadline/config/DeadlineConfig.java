package io.wanjia.deadline.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** deadline-monitor settings. */
@ConfigMapping(prefix = "wanjia.deadline")
public interface DeadlineConfig {

    /** Whether this instance runs the escalation engine (several may; each step still fires once). */
    @WithDefault("true")
    boolean engineEnabled();

    /** The longest the engine sleeps when nothing is due (a safety net for steps another instance scheduled). */
    @WithDefault("PT5S")
    Duration engineMaxSleep();

    /** How many due steps one engine pass fires in one transaction. */
    @WithDefault("500")
    int engineBatchSize();

    /**
     * Passes run at once on this instance (at least 1): while one waits on the database, another works. Each fires the
     * steps of its own share of the cases (by the case id's hash), so a case's steps stay in due order within an instance;
     * instances still claim with {@code SKIP LOCKED} beside each other.
     */
    @WithDefault("2")
    int engineThreads();

    /**
     * The console's address, for the link to the case in alerts ({@code ${console-url}/#/cases/{caseId}}); alerts are read
     * away from the service, so this is the address people open, not this service's.
     */
    @WithDefault("http://localhost:8080")
    String consoleUrl();

    /** Alert delivery, every kind (webhooks, e-mail, group robots). */
    Webhooks webhooks();

    /** Alert delivery settings (the name is the first kind's; they apply to every kind). */
    interface Webhooks {
        /** Whether this instance delivers webhooks. */
        @WithDefault("true")
        boolean enabled();

        /** Concurrent deliveries; a slow subscriber holds one of them at most {@link #timeout()}. */
        @WithDefault("4")
        int concurrency();

        /** Connect and response timeout of one attempt. */
        @WithDefault("PT5S")
        Duration timeout();

        /** Wait after the first failed attempt; doubles after each further failure. */
        @WithDefault("PT1S")
        Duration firstRetry();

        /** The longest wait between attempts. */
        @WithDefault("PT1H")
        Duration maxRetry();

        /** Attempts before a delivery is given up (FAILED, readable in the delivery log). */
        @WithDefault("12")
        int maxAttempts();

        /**
         * Addresses or CIDR blocks ({@code 127.0.0.1}, {@code 10.8.0.0/16}, {@code fd00::/8}) a target may resolve to
         * although they are loopback, private, link-local or metadata addresses; none by default.
         */
        Optional<List<String>> allowedNetworks();

        /**
         * The AES-256-GCM key that seals the subscriptions' secrets at rest, base64 of 32 random bytes; only from the
         * environment ({@code WANJIA_DEADLINE_WEBHOOK_SECRET_KEY}).
         */
        String secretKey();
    }
}
