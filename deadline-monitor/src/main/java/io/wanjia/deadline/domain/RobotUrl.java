package io.wanjia.deadline.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

import io.wanjia.deadline.domain.WebhookTargetRule.Refusal;

/**
 * A group robot's webhook URL as its chat tool shows it, split into the address (kept, shown back) and the token the
 * query carries (企业微信 {@code key}, 钉钉 {@code access_token}: whoever holds it posts into the group, so it is sealed
 * and never shown back). A robot lives on its vendor's fixed host over https —
 * {@code https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…}, {@code https://oapi.dingtalk.com/robot/send?access_token=…};
 * any other host is taken only where every address it resolves to is in the allowed networks (a city's relay on its
 * own network, the tests' receivers): that check needs a lookup, so the service makes it ({@link #atVendor()} says when).
 */
public record RobotUrl(SubscriptionKind kind, URI address, String token) {

    /** Thrown for a URL that is no robot URL of its kind; carries the rule and a fixed description. */
    public static class Invalid extends IllegalArgumentException {

        private final transient Refusal refusal;

        Invalid(String rule, String description) {
            super(description, null);
            this.refusal = new Refusal(rule, description);
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** The vendor's host, path and token parameter of a robot kind. */
    private record Vendor(String host, String path, String parameter, String example) {
    }

    private static final Vendor WECOM = new Vendor("qyapi.weixin.qq.com", "/cgi-bin/webhook/send", "key",
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…");
    private static final Vendor DINGTALK = new Vendor("oapi.dingtalk.com", "/robot/send", "access_token",
            "https://oapi.dingtalk.com/robot/send?access_token=…");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    /** Reads {@code url} as a robot URL of {@code kind}; {@link Invalid} naming the rule when it is not one. */
    public static RobotUrl parse(SubscriptionKind kind, String url) {
        Vendor vendor = vendor(kind);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Invalid("url", "the URL cannot be read");
        }
        WebhookTargetRule.checkUrl(uri).ifPresent(refusal -> {
            throw new Invalid(refusal.rule(), refusal.description());
        });
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        String prefix = vendor.parameter() + "=";
        if (!query.startsWith(prefix) || query.contains("&") || !TOKEN.matcher(query.substring(prefix.length())).matches()) {
            throw new Invalid("robot-token", "the URL must carry the robot's " + vendor.parameter() + " and nothing else, as "
                    + vendor.example() + " (16 to 128 letters, digits, - or _)");
        }
        if (uri.getHost().equalsIgnoreCase(vendor.host())
                && (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getPort() != -1 && uri.getPort() != 443
                        || !vendor.path().equals(uri.getRawPath()))) {
            throw new Invalid("robot-url", "a " + kind + " robot's URL reads " + vendor.example());
        }
        try {
            URI address = new URI(uri.getScheme().toLowerCase(), uri.getRawAuthority(), uri.getRawPath(), null, null);
            return new RobotUrl(kind, address, query.substring(prefix.length()));
        } catch (URISyntaxException e) {
            throw new Invalid("url", "the URL cannot be read");
        }
    }

    /** Whether the URL is on the vendor's own host (else it must resolve into the allowed networks only). */
    public boolean atVendor() {
        return address.getHost().equalsIgnoreCase(vendor(kind).host());
    }

    /** The vendor's host, for a refusal's words. */
    public String vendorHost() {
        return vendor(kind).host();
    }

    /** The URL to post to: the address with the token, and {@code extra} parameters ({@code &timestamp=…&sign=…}). */
    public String withToken(String extra) {
        return address + "?" + vendor(kind).parameter() + "=" + token + extra;
    }

    /** The robot URL kept for a subscription ({@link #address()}) with its token given back. */
    public static RobotUrl of(SubscriptionKind kind, String address, String token) {
        return new RobotUrl(kind, URI.create(address), token);
    }

    private static Vendor vendor(SubscriptionKind kind) {
        return switch (kind) {
            case WECOM -> WECOM;
            case DINGTALK -> DINGTALK;
            default -> throw new IllegalArgumentException(kind + " has no robot URL");
        };
    }
}
