package io.wanjia.deadline.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.wanjia.deadline.config.DeadlineConfig;
import io.wanjia.deadline.domain.Network;
import io.wanjia.deadline.domain.WebhookTargetRule;
import io.wanjia.deadline.domain.WebhookTargetRule.Refusal;

/**
 * Resolves a subscription's URL and holds it to {@link WebhookTargetRule}: when it is subscribed, and again before every
 * attempt, since what a name resolves to may change after it was checked. A delivery then connects to the address
 * checked here, never to a second lookup of the name.
 */
@ApplicationScoped
public class WebhookTargets {

    /** A URL that may receive alerts now, and the checked address to connect to. */
    public record Target(URI url, InetAddress address) {
    }

    /** Thrown when a URL may not receive alerts; carries the rule and a fixed description. */
    public static class RefusedTarget extends Exception {

        private final transient Refusal refusal;

        RefusedTarget(Refusal refusal) {
            super(refusal.description(), null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private final List<Network> allowed;

    public WebhookTargets(DeadlineConfig config) {
        allowed = config.webhooks().allowedNetworks().orElse(List.of()).stream().map(Network::parse).toList();
    }

    /**
     * Whether {@code host} resolves, and only into the allowed networks: how a robot URL off its vendor's host is let in
     * (a city's relay on its own network, the tests' receivers on 127.0.0.1), never a public address of someone else's.
     */
    public boolean withinAllowedNetworks(String host) {
        try {
            List<InetAddress> resolved = Arrays.asList(InetAddress.getAllByName(host));
            return !resolved.isEmpty() && resolved.stream().allMatch(a -> allowed.stream().anyMatch(n -> n.contains(a)));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether {@code address} lies in the allowed networks (a robot relay's address, checked again at every delivery). */
    public boolean allowed(InetAddress address) {
        return allowed.stream().anyMatch(n -> n.contains(address));
    }

    /** The target {@code url} stands for now: every address its host resolves to is checked, the first is used. */
    public Target check(String url) throws RefusedTarget {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedTarget(new Refusal("url", "the URL cannot be read"));
        }
        Optional<Refusal> malformed = WebhookTargetRule.checkUrl(uri);
        if (malformed.isPresent()) {
            throw new RefusedTarget(malformed.get());
        }
        List<InetAddress> resolved;
        try {
            resolved = Arrays.asList(InetAddress.getAllByName(uri.getHost()));
        } catch (UnknownHostException e) {
            throw new RefusedTarget(WebhookTargetRule.unresolvable());
        }
        Optional<Refusal> forbidden = WebhookTargetRule.checkAddresses(resolved, allowed);
        if (forbidden.isPresent()) {
            throw new RefusedTarget(forbidden.get());
        }
        return new Target(uri, resolved.get(0));
    }
}
