package io.wanjia.commons.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.ForbiddenException;
import io.wanjia.commons.problem.ProblemException;

/**
 * The caller's area: the token's {@code area} claim, a division-code prefix ({@code 21} the province,
 * {@code 2101} a city, {@code 210102} a district). A caller sees and changes only records whose district
 * code starts with it; anything else answers 404, as if it did not exist.
 */
@RequestScoped
public class AreaScope {

    /** The token claim that carries the area. */
    public static final String CLAIM = "area";

    @Inject
    JsonWebToken token;

    /** The caller's area prefix; 403 when the token carries none or a malformed one. */
    public String area() {
        Object claim = token.getClaim(CLAIM);
        String area = claim == null ? null : claim.toString().replace("\"", "");
        if (area == null || !area.matches("\\d{2}|\\d{4}|\\d{6}")) {
            throw new ForbiddenException("the token has no valid area claim");
        }
        return area;
    }

    /** Whether {@code districtCode} lies in the caller's area. */
    public boolean covers(String districtCode) {
        return districtCode != null && districtCode.startsWith(area());
    }

    /** 404 for {@code what} {@code id} unless its district lies in the caller's area. */
    public void require(String districtCode, String what, Object id) {
        if (!covers(districtCode)) {
            throw ProblemException.notFound(what, id);
        }
    }

    /** A SQL {@code LIKE} pattern matching the district codes of the caller's area. */
    public String likePattern() {
        return area() + "%";
    }

    /** The caller's identity for audit records (the token subject). */
    public String subject() {
        return token.getSubject() == null ? token.getName() : token.getSubject();
    }
}
