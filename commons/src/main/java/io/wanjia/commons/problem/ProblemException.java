package io.wanjia.commons.problem;

import io.wanjia.contracts.problem.Problem;

/**
 * A failure the caller can act on, answered as problem details with its status. Messages never carry a
 * national ID.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String typeName;
    private final String title;
    private final String field;
    private final String rule;

    protected ProblemException(int status, String typeName, String title, String detail, String field, String rule) {
        super(detail);
        this.status = status;
        this.typeName = typeName;
        this.title = title;
        this.field = field;
        this.rule = rule;
    }

    /** 400: {@code field} breaks {@code rule}; the detail says so in a sentence. */
    public static ProblemException invalid(String field, String rule, String detail) {
        return new ProblemException(400, "validation", "Invalid input", detail, field, rule);
    }

    /** 404: no such {@code what} for this caller (also when it exists outside the caller's area). */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Not found", what + " " + id + " was not found", null, null);
    }

    /** 403: the caller may not act on {@code field}'s value (e.g. a district outside their area). */
    public static ProblemException forbidden(String field, String rule, String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail, field, rule);
    }

    /** 409: the request conflicts with the current state. */
    public static ProblemException conflict(String field, String rule, String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail, field, rule);
    }

    /** 429: the caller used up {@code rule}'s allowance; the detail says when it is back. */
    public static ProblemException tooManyRequests(String rule, String detail) {
        return new ProblemException(429, "too-many-requests", "Too many requests", detail, null, rule);
    }

    public int status() {
        return status;
    }

    /** This failure as a problem body for {@code instance} (the request path). */
    public Problem toProblem(String instance) {
        return new Problem(Problem.type(typeName), title, status, getMessage(), instance, field, rule, null);
    }
}
