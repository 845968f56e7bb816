package io.wanjia.deadline.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of an alert: {@code X-Wanjia-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} with the
 * subscription's secret. The time is signed with the body, so a receiver that refuses a {@code t} far from its own
 * clock cannot be fed a captured alert again later; {@link #verify} is that receiver's check (README).
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Wanjia-Signature";
    /** How far a receiver should let {@code t} stray from its clock: clock skew and a slow network, not a replay. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Pattern FORMAT = Pattern.compile("t=(\\d{1,12}),v1=([0-9a-f]{64})");

    private WebhookSignature() {
    }

    /** The header value for {@code body} sent at {@code unixSeconds}. */
    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac(secret, unixSeconds, body));
    }

    /**
     * Whether {@code header} signs {@code body} with {@code secret} at a time within {@code tolerance} of {@code now}.
     * The HMACs are compared in constant time, so the answer's timing tells nothing about the expected one.
     */
    public static boolean verify(String secret, String header, String body, Instant now, Duration tolerance) {
        Matcher signature = FORMAT.matcher(header == null ? "" : header);
        if (!signature.matches()) {
            return false;
        }
        long t = Long.parseLong(signature.group(1));
        if (Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, t, body), HexFormat.of().parseHex(signature.group(2)));
    }

    private static byte[] mac(String secret, long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
