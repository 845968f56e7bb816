package io.wanjia.commons.inbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long the inbox remembers what it processed. */
@ConfigMapping(prefix = "wanjia.inbox")
public interface InboxConfig {

    /**
     * How long processed event ids are kept: longer than the labour-report topic keeps its records (90 days), so a
     * replay of that topic finds every report it took in already processed and counts none twice. Topics kept for
     * ever rely on their consumers being safe by business key as well.
     */
    @WithDefault("P100D")
    Duration retention();
}
