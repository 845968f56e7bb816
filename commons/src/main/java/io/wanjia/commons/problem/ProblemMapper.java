package io.wanjia.commons.problem;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.wanjia.commons.inbox.RejectedEventException;
import io.wanjia.commons.rest.InputRejectedException;
import io.wanjia.commons.rest.InvalidParameterException;
import io.wanjia.contracts.problem.Problem;

/**
 * Answers every failure of every endpoint as RFC 9457 problem details: 400 naming the field, 401, 403,
 * 404, 409, and a 500 that says only an error id (the cause goes to the log, never to the caller).
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** What a 503 tells the caller to wait: a restart or a failover of the database takes seconds. */
    private static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response rejectedEvent(RejectedEventException e, UriInfo uri) {
        return respond(new Problem(Problem.type("invalid-event"), "Invalid event", 400, e.getMessage(), path(uri),
                e.field(), "cloudevent", null));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        Problem.FieldError first = errors.isEmpty() ? new Problem.FieldError(null, null) : errors.get(0);
        String detail = errors.stream().map(f -> f.field() + " " + f.rule()).reduce((a, b) -> a + "; " + b).orElse("invalid input");
        return respond(new Problem(Problem.type("validation"), "Invalid input", 400, detail, path(uri), first.field(),
                first.rule(), errors));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(badJson(e, path(uri)));
    }

    /** Quarkus REST maps this one itself (with an empty body) unless a mapper names the exact type. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return respond(badJson(e, path(uri)));
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e, UriInfo uri) {
        return respond(badJson(e, path(uri)));
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e, UriInfo uri) {
        return respond(new Problem(Problem.type("validation"), "Invalid input", 400, e.getMessage(), path(uri), e.parameter(),
                e.rule(), null));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return respond(new Problem(Problem.type("unauthorized"), "Unauthorized", 401,
                "a valid bearer token is required", path(uri), null, null, null));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(new UnauthorizedException(), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(Problem.type("forbidden"), "Forbidden", 403,
                "your role does not allow this", path(uri), null, null, null));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(badJson(json, path(uri)));
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request failed" : known.getReasonPhrase();
        return respond(new Problem(Problem.type("http-" + status), title, status, title, path(uri), null, null, null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (Failures.isConflict(e)) {
            return respond(new Problem(Problem.type("conflict"), "Conflict", 409,
                    "the record was changed by someone else meanwhile; read it again and retry", path(uri), null, "version", null));
        }
        if (Failures.isUnavailable(e)) {
            // Not the caller's fault nor a defect: the database is restarting or failing over. Said as such, with when to
            // try again, and logged without a stack trace (the outage is logged by the pool and the database).
            LOG.warnf("database unavailable on %s: %s", path(uri), Redaction.mask(String.valueOf(e.getMessage())));
            return Response.fromResponse(respond(new Problem(Problem.type("unavailable"), "Service unavailable", 503,
                    "the database cannot be reached just now; try again in a moment", path(uri), null, null,
                    null))).header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf("unexpected failure %s on %s: %s", errorId, path(uri), Redaction.stackTrace(e));
        return respond(new Problem(Problem.type("internal"), "Internal error", 500,
                "the service failed; quote error id " + errorId, path(uri), null, null, null));
    }

    private static Problem badJson(JsonProcessingException e, String instance) {
        String field = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
        }
        if (e instanceof InputRejectedException rejected) {
            String name = field == null ? "body" : field;
            return new Problem(Problem.type("validation"), "Invalid input", 400, name + " " + rejected.sentence(), instance, name,
                    rejected.rule(), null);
        }
        String detail = field == null ? "the body is not valid JSON" : field + " has the wrong type or format";
        return new Problem(Problem.type("validation"), "Invalid input", 400, detail, instance, field,
                field == null ? "json" : "type", null);
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // "register.body.members[0].name" -> "members[0].name"; a violated query or path parameter keeps its name.
        List<Path.Node> nodes = new java.util.ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CROSS_PARAMETER || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                if (i == nodes.size() - 1) {
                    field.append(node.getName());
                }
                continue;
            }
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.isEmpty() ? violation.getPropertyPath().toString() : field.toString();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
