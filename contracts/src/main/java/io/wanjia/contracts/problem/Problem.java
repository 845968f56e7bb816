package io.wanjia.contracts.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body. {@code field} names the input at fault and {@code rule} the rule it
 * broke; {@code errors} lists every fault when there are several.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String field,
        String rule, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field at fault. */
    public record FieldError(String field, String rule) {
    }

    /** The problem type URI for a short name such as {@code validation}. */
    public static String type(String name) {
        return "urn:wanjia:problem:" + name;
    }
}
