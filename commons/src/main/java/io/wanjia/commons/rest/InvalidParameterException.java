package io.wanjia.commons.rest;

import jakarta.ws.rs.BadRequestException;

/**
 * A query or path parameter that cannot be read or lies outside {@link InputBounds}. It is a
 * {@link BadRequestException} so that Quarkus REST passes it on as it is (a failed conversion would otherwise be
 * answered 404, as JAX-RS prescribes for query parameters); the problem mapper names the parameter and the rule.
 */
public class InvalidParameterException extends BadRequestException {

    private final String parameter;
    private final String rule;

    public InvalidParameterException(String parameter, String rule, String sentence) {
        super(parameter + " " + sentence);
        this.parameter = parameter;
        this.rule = rule;
    }

    /** The parameter's name as the caller wrote it. */
    public String parameter() {
        return parameter;
    }

    /** The rule broken, e.g. {@code date}. */
    public String rule() {
        return rule;
    }
}
