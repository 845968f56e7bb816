package io.wanjia.deadline.domain;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where an alert may go: an http or https URL without credentials whose host resolves only to public addresses. A
 * subscription is made by an administrator but delivered from inside the service's network, so without this rule it
 * could aim the service at its own loopback, the cluster's private ranges or a cloud's metadata endpoint (SSRF).
 * Addresses in an allowed network (configuration) pass anyway: the local platform's receivers on 127.0.0.1, a city's
 * alert gateway on a private range.
 */
public final class WebhookTargetRule {

    /** Why a target is refused: the rule a problem names and a fixed sentence (never anything a remote host said). */
    public record Refusal(String rule, String description) {
    }

    /** A block of special-purpose addresses that receive no alert unless allowed; the first match names the kind. */
    private record Block(Network network, String kind) {
    }

    private static final List<Block> FORBIDDEN = List.of(
            // Metadata endpoints first: they lie inside wider blocks below but deserve their own name.
            block("169.254.169.254/32", "a cloud metadata address"), // AWS, Azure, GCP, Huawei Cloud, OpenStack
            block("100.100.100.200/32", "a cloud metadata address"), // Alibaba Cloud
            block("fd00:ec2::254/128", "a cloud metadata address"), // AWS over IPv6
            block("0.0.0.0/8", "an unspecified address"),
            block("127.0.0.0/8", "a loopback address"),
            block("10.0.0.0/8", "a private address (RFC 1918)"),
            block("172.16.0.0/12", "a private address (RFC 1918)"),
            block("192.168.0.0/16", "a private address (RFC 1918)"),
            block("100.64.0.0/10", "a shared address (CGNAT, RFC 6598)"),
            block("169.254.0.0/16", "a link-local address"),
            block("192.0.0.0/24", "an IETF protocol address"),
            block("198.18.0.0/15", "a benchmarking address"),
            block("224.0.0.0/4", "a multicast address"),
            block("240.0.0.0/4", "a reserved address"),
            block("::/128", "an unspecified address"),
            block("::1/128", "a loopback address"),
            block("fe80::/10", "a link-local address"),
            block("fec0::/10", "a site-local address"),
            block("fc00::/7", "a unique local address (fc00::/7)"),
            block("ff00::/8", "a multicast address"),
            block("2001::/32", "a Teredo tunnel address"));

    /** IPv6 blocks that carry an IPv4 address, checked as that address: NAT64, 6to4 and IPv4-compatible. */
    private static final Network NAT64 = Network.parse("64:ff9b::/96");
    private static final Network SIX_TO_FOUR = Network.parse("2002::/16");
    private static final Network IPV4_COMPATIBLE = Network.parse("::/96");

    private WebhookTargetRule() {
    }

    /** What is wrong with the URL itself (scheme, credentials, host), before any name is resolved. */
    public static Optional<Refusal> checkUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of(new Refusal("http-or-https", "the URL must be http or https"));
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of(new Refusal("no-credentials", "the URL must not carry credentials (the secret signs the alerts)"));
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            return Optional.of(new Refusal("host", "the URL must name a host"));
        }
        return Optional.empty();
    }

    /** Whether every address the host resolved to may receive alerts: the first that may not, with its kind. */
    public static Optional<Refusal> checkAddresses(List<InetAddress> resolved, List<Network> allowed) {
        if (resolved.isEmpty()) {
            return Optional.of(unresolvable());
        }
        for (InetAddress address : resolved) {
            if (allowed.stream().anyMatch(n -> n.contains(address))) {
                continue;
            }
            Optional<String> kind = kindOf(address);
            if (kind.isPresent()) {
                return Optional.of(new Refusal("public-address", "the host resolves to " + kind.get()));
            }
        }
        return Optional.empty();
    }

    /** The refusal of a host that does not resolve. */
    public static Refusal unresolvable() {
        return new Refusal("resolvable-host", "the host does not resolve");
    }

    /** The kind of special-purpose address {@code address} is, or empty for a public one. */
    static Optional<String> kindOf(InetAddress address) {
        Optional<String> embedded = embeddedIpv4(address).flatMap(WebhookTargetRule::kindOf);
        if (embedded.isPresent()) {
            return embedded;
        }
        return FORBIDDEN.stream().filter(b -> b.network().contains(address)).map(Block::kind).findFirst();
    }

    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != 16) {
            return Optional.empty();
        }
        try {
            if (NAT64.contains(address) || IPV4_COMPATIBLE.contains(address) && !isUnspecifiedOrLoopback(bytes)) {
                return Optional.of(Inet4Address.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
            }
            if (SIX_TO_FOUR.contains(address)) {
                return Optional.of(Inet4Address.getByAddress(Arrays.copyOfRange(bytes, 2, 6)));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
        return Optional.empty();
    }

    private static boolean isUnspecifiedOrLoopback(byte[] ipv6) {
        for (int i = 0; i < 15; i++) {
            if (ipv6[i] != 0) {
                return false;
            }
        }
        return ipv6[15] == 0 || ipv6[15] == 1;
    }

    private static Block block(String cidr, String kind) {
        return new Block(Network.parse(cidr), kind);
    }
}
