package io.wanjia.deadline.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * 加签, the signature a DingTalk custom robot with the "sign" security setting demands: {@code timestamp} (milliseconds)
 * and {@code sign} = URL-encoded Base64 of HmacSHA256(key = secret, data = timestamp + "\n" + secret), appended to the
 * robot's URL. DingTalk refuses a timestamp more than an hour away from its own time, so a captured URL goes stale.
 */
public final class DingTalkSignature {

    private DingTalkSignature() {
    }

    /** The {@code sign} parameter for {@code timestampMillis}, already URL-encoded. */
    public static String sign(String secret, long timestampMillis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return URLEncoder.encode(Base64.getEncoder().encodeToString(digest), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
