package io.wanjia.commons.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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
    /**
     * The area this deployment serves ({@code 210102} for one district's services, {@code 2101} for a city's
     * reporting); unset, the token alone decides.
     */
    @ConfigProperty(name = "wanjia.deployment.area")
    Optional<String> deploymentArea;

    /**
     * The caller's area prefix, narrowed to the deployment's area; 403 when the token carries none, a
     * malformed one, or one outside the deployment's area.
     */
    public String area() {
        String area = claimed();
        return deploymentArea.map(served -> narrowed(area, served)).orElse(area);
    }

    /**
     * The area the caller answers for, as the token states it (not narrowed): who the caller is, where
     * {@link #area()} is what they may see here. Something addressed to an area (an escalation to the city's
     * supervisor) is for the callers whose own area it is, also in a district's deployment. 403 like {@link #area()}.
     */
    public String ownArea() {
        area();
        return claimed();
    }

    /**
     * 403 naming {@code field} unless the caller's own area holds everything this deployment serves: the deployment's
     * area, or a whole province where none is set. For actions on the deployment as a whole (a read-model rebuild),
     * which no district's caller may take for the city.
     */
    public void requireWholeDeployment(String field) {
        String own = ownArea();
        boolean whole = deploymentArea.map(served -> served.startsWith(own)).orElse(own.length() == 2);
        if (!whole) {
            throw ProblemException.forbidden(field, "whole-deployment", "this acts on everything the deployment serves ("
                    + deploymentArea.orElse("its province") + "): your area " + own + " does not cover it");
        }
    }

    private String claimed() {
        Object claim = token.getClaim(CLAIM);
        String area = claim == null ? null : claim.toString().replace("\"", "");
        if (area == null || !isArea(area)) {
            throw new ForbiddenException("the token has no valid area claim");
        }
        return area;
    }

    /**
     * The part of {@code area} that a deployment serving {@code served} answers for: the longer of the two
     * when one contains the other; 403 when they do not overlap.
     */
    static String narrowed(String area, String served) {
        if (area.startsWith(served)) {
            return area;
        }
        if (served.startsWith(area)) {
            return served;
        }
        throw new ForbiddenException("the token's area " + area + " lies outside this deployment's area " + served);
    }

    /** Whether {@code value} is a division-code prefix: province, city or district. */
    public static boolean isArea(String value) {
        return value.matches("\\d{2}|\\d{4}|\\d{6}");
    }

    /**
     * The area a six-digit division code stands for: a district is itself, a city ({@code 210100}) its four digits,
     * a province ({@code 210000}) its two. What an outside system reports for its {@code districtCode} bounds what
     * its reports may touch.
     */
    public static String areaOf(String divisionCode) {
        String area = divisionCode;
        while (area.length() > 2 && area.endsWith("00")) {
            area = area.substring(0, area.length() - 2);
        }
        return area;
    }

    /** The city an area or division code lies in ({@code 2101} for {@code 210102}); a province area stays itself. */
    public static String cityOf(String area) {
        return area.length() > 4 ? area.substring(0, 4) : area;
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
