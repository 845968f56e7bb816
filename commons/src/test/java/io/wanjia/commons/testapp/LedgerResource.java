package io.wanjia.commons.testapp;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.outbox.Outbox;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.rest.InputBounds;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.commons.security.Roles;
import io.wanjia.contracts.household.ZeroEmploymentEnded;

/** A resource of the commons test application that exercises the shared mechanisms the way a service does. */
@Path("/api/v1/ledger")
public class LedgerResource {

    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;
    @Inject
    AreaScope scope;
    @Inject
    Clock clock;

    /** A request to end a household's zero-employment state. */
    public record EndRequest(@NotBlank @Pattern(regexp = "\\d{6}", message = "must be a 6-digit division code") String districtCode,
            @NotBlank String reason) {
    }

    @POST
    @Path("/{householdId}")
    @RolesAllowed(Roles.CASEWORKER)
    @Transactional
    public Map<String, String> end(@PathParam("householdId") UUID householdId, @Valid EndRequest request) {
        scope.require(request.districtCode(), "household", householdId);
        ZeroEmploymentEnded.Reason reason;
        try {
            reason = ZeroEmploymentEnded.Reason.valueOf(request.reason());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("reason", "enum", "reason must be one of PLACED, EMPLOYED_ELSEWHERE, EXITED, NO_LONGER_ELIGIBLE");
        }
        var event = outbox.publish(householdId, new ZeroEmploymentEnded(householdId, request.districtCode(), reason,
                LocalDate.now(clock)));
        audit.record("household", householdId, "END", null, Map.of("reason", reason.name()));
        return Map.of("eventId", event.id());
    }

    @GET
    @Path("/{householdId}/history")
    @RolesAllowed(Roles.CASEWORKER)
    public Object history(@PathParam("householdId") UUID householdId) {
        return audit.history("household", householdId);
    }

    /** Echoes its query parameters: the test of how every endpoint reads dates, numbers and enums. */
    @GET
    @RolesAllowed(Roles.CASEWORKER)
    public Map<String, String> echo(@QueryParam("on") LocalDate on, @QueryParam("page") @DefaultValue("0") @Min(0) @Max(InputBounds.MAX_PAGE) int page,
            @QueryParam("reason") ZeroEmploymentEnded.Reason reason, @QueryParam("open") Boolean open) {
        return Map.of("on", String.valueOf(on), "page", String.valueOf(page), "reason", String.valueOf(reason), "open", String.valueOf(open));
    }

    /** Reads a body with a date and free text: the test of the bounds every JSON body is held to. */
    public record Note(LocalDate on, String text) {
    }

    @POST
    @Path("/notes")
    @RolesAllowed(Roles.CASEWORKER)
    public Note note(Note note) {
        return note;
    }

    @GET
    @Path("/boom")
    @RolesAllowed(Roles.CASEWORKER)
    public String boom() {
        throw new IllegalStateException("secret internals 21010219800101123X");
    }
}
