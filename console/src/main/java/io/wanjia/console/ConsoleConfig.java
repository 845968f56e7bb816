package io.wanjia.console;

import java.net.URI;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

/** Where the console finds the services it forwards to. */
@ConfigMapping(prefix = "wanjia.console")
public interface ConsoleConfig {

    /**
     * The services by the short name the pages use in {@code /api/{name}/v1/...}: household, placement, deadline,
     * reporting. Each is the service's base URL; the console adds {@code /api/v1/...}.
     */
    Map<String, URI> services();
}
