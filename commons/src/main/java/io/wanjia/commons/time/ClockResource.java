package io.wanjia.commons.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.security.Roles;

/**
 * Moves a service's clock, so an end-to-end suite can move time for all services together. It answers 404
 * unless {@code wanjia.clock.adjustable=true}, which is off by default and refused in the prod profile.
 */
@Path("/api/v1/clock")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Test clock")
public class ClockResource {

    @Inject
    AdjustableClock clock;

    /** How to move: by a number of seconds, or to an instant. */
    public record Move(Long advanceSeconds, Instant instant) {
    }

    @GET
    @Operation(summary = "The service's time (only where the clock is adjustable)")
    public Map<String, Object> now() {
        requireAdjustable();
        return Map.of("instant", clock.instant().toString(), "offsetSeconds", clock.offset().toSeconds());
    }

    @POST
    @Operation(summary = "Move the service's time (only where the clock is adjustable)")
    public Map<String, Object> move(Move move) {
        requireAdjustable();
        if (move == null || (move.advanceSeconds() == null) == (move.instant() == null)) {
            throw ProblemException.invalid("advanceSeconds", "one-of", "give either advanceSeconds or instant");
        }
        if (move.instant() != null) {
            clock.set(move.instant());
        } else {
            clock.advance(Duration.ofSeconds(move.advanceSeconds()));
        }
        return now();
    }

    private void requireAdjustable() {
        if (!clock.isAdjustable()) {
            throw ProblemException.notFound("resource", "/api/v1/clock");
        }
    }
}
