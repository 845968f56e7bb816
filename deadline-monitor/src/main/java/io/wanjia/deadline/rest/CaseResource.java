package io.wanjia.deadline.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.wanjia.commons.rest.InputBounds;
import io.wanjia.commons.security.Roles;
import io.wanjia.deadline.AssistanceCase;
import io.wanjia.deadline.CaseStep;
import io.wanjia.deadline.domain.Level;
import io.wanjia.deadline.rest.DeadlineRequests.Acknowledge;
import io.wanjia.deadline.rest.DeadlineViews.CaseView;
import io.wanjia.commons.rest.Page;
import io.wanjia.deadline.rest.DeadlineViews.StepView;
import io.wanjia.deadline.service.Acknowledgements;
import io.wanjia.deadline.service.CaseQueries;

/** Cases and the inbox of escalations (supervisors', and case workers' for what is addressed to them), within the caller's area. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPERVISOR)
@Tag(name = "Cases and escalations")
@SecurityRequirement(name = "SecurityScheme")
public class CaseResource {

    private static final String PREFIX = "\\d{2}|\\d{4}|\\d{6}";
    private static final String PREFIX_MESSAGE = "must be a division-code prefix of 2, 4 or 6 digits";

    @Inject
    CaseQueries queries;
    @Inject
    Acknowledgements acknowledgements;

    @GET
    @Path("/cases")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.CASEWORKER })
    @Operation(summary = "Cases in your area, fewest days left first (or one household's); case workers see their households' days left")
    public Page<CaseView> cases(@QueryParam("status") AssistanceCase.Status status,
            @QueryParam("maxDaysLeft") @Min(-InputBounds.MAX_DAYS) @Max(InputBounds.MAX_DAYS) Integer maxDaysLeft, @QueryParam("level") Level level,
            @QueryParam("district") @Pattern(regexp = PREFIX, message = PREFIX_MESSAGE) String district,
            @QueryParam("householdId") UUID householdId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(InputBounds.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(InputBounds.MAX_PAGE_SIZE) int size) {
        return queries.cases(status, maxDaysLeft, level, district, householdId, page, size);
    }

    @GET
    @Path("/cases/{id}")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.CASEWORKER })
    @Operation(summary = "One case with its steps and timeline")
    public CaseView caseView(@PathParam("id") UUID id) {
        return queries.caseView(id);
    }

    @GET
    @Path("/escalations")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.CASEWORKER })
    @Operation(summary = "Fired escalations in your area (a case worker's: those addressed to case workers): unacknowledged, most urgent and oldest first")
    public Page<StepView> inbox(@QueryParam("level") Level level,
            @QueryParam("district") @Pattern(regexp = PREFIX, message = PREFIX_MESSAGE) String district,
            @QueryParam("acknowledged") Boolean acknowledged,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(InputBounds.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(InputBounds.MAX_PAGE_SIZE) int size) {
        return queries.inbox(level, district, acknowledged, page, size);
    }

    @POST
    @Path("/escalations/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.CASEWORKER })
    @Operation(summary = "Acknowledge an escalation addressed to you (your role, your own area) with a note; the clock keeps running")
    public StepView acknowledge(@PathParam("id") long id, @Valid Acknowledge request) {
        CaseStep step = acknowledgements.acknowledge(id, request == null ? null : request.note());
        return StepView.of(step, queries.caseOf(step));
    }
}
