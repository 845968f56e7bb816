package io.wanjia.commons.audit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long the audit trail is kept. */
@ConfigMapping(prefix = "wanjia.audit")
public interface AuditConfig {

    /** The least a deployment may set: six months (Cybersecurity Law art. 21); the database refuses earlier deletes too. */
    Duration MINIMUM_RETENTION = Duration.ofDays(180);

    /** Entries older than this are deleted by an hourly purge; at least {@link #MINIMUM_RETENTION}. */
    @WithDefault("P365D")
    Duration retention();
}
