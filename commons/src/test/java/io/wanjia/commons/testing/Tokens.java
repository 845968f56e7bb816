package io.wanjia.commons.testing;

import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Bearer tokens for tests, signed with the local key ./platform made (as {@code ./platform token} does). */
public final class Tokens {

    /** The issuer the services trust (as {@code ./platform token} sets it). */
    public static final String ISSUER = System.getProperty("wanjia.jwt.issuer", "urn:wanjia:local");
    /** The audience the services require: tokens the same realm issues for other applications are refused. */
    public static final String AUDIENCE = System.getProperty("wanjia.jwt.audience", "wanjia");

    private Tokens() {
    }

    /** A token for {@code role} scoped to {@code area}. */
    public static String of(String role, String area) {
        return of(role, area, "test-" + role + "-" + area);
    }

    /** A token for {@code role} scoped to {@code area}, of the person {@code subject} (when two of one role must differ). */
    public static String of(String role, String area, String subject) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .claim("area", area)
                .expiresIn(Duration.ofHours(1))
                .sign();
    }

    /** The {@code Authorization} header value for {@code role} in {@code area}. */
    public static String bearer(String role, String area) {
        return "Bearer " + of(role, area);
    }

    /** The {@code Authorization} header value for {@code role} in {@code area}, of the person {@code subject}. */
    public static String bearer(String role, String area, String subject) {
        return "Bearer " + of(role, area, subject);
    }
}
