package io.wanjia.household.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.wanjia.commons.rest.InputBounds;
import io.wanjia.commons.rest.Page;
import io.wanjia.commons.security.Roles;
import io.wanjia.household.domain.IdentificationProcedure.Stage;
import io.wanjia.household.rest.IdentificationRequests.Confirmation;
import io.wanjia.household.rest.IdentificationRequests.NewObjection;
import io.wanjia.household.rest.IdentificationRequests.PostingCompletion;
import io.wanjia.household.rest.IdentificationRequests.Resolution;
import io.wanjia.household.rest.IdentificationRequests.Review;
import io.wanjia.household.rest.IdentificationRequests.Verification;
import io.wanjia.household.rest.IdentificationViews.IdentificationView;
import io.wanjia.household.service.IdentificationDesk;

/**
 * 认定: the identification procedure, step by step (a household's own identifications and contact log are under
 * {@link HouseholdResource}). The community's caseworker verifies, records objections and closes the posting; a
 * supervisor reviews, resolves objections and confirms (someone other than the reviewer). Everything within the
 * caller's area.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Identification")
@SecurityRequirement(name = "SecurityScheme")
public class IdentificationResource {

    @Inject
    IdentificationDesk desk;

    @GET
    @Path("/identifications")
    @RolesAllowed({Roles.CASEWORKER, Roles.SUPERVISOR})
    @Operation(summary = "The worklist: open identifications in your area (or those at one stage), oldest first")
    public Page<IdentificationView> worklist(@QueryParam("stage") Stage stage,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(InputBounds.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(InputBounds.MAX_PAGE_SIZE) int size) {
        List<IdentificationView> items = desk.worklist(stage, page, size).stream().map(IdentificationView::of).toList();
        return new Page<>(items, page, size, desk.count(stage));
    }

    @GET
    @Path("/identifications/{id}")
    @RolesAllowed({Roles.CASEWORKER, Roles.SUPERVISOR})
    @Operation(summary = "One identification with its timeline and objections")
    public IdentificationView get(@PathParam("id") UUID id) {
        return IdentificationView.of(desk.get(id));
    }

    @POST
    @Path("/identifications/{id}/verification")
    @RolesAllowed(Roles.CASEWORKER)
    @Operation(summary = "Record the community's verification (调查核实): visit or phone, and what it found")
    public IdentificationView verify(@PathParam("id") UUID id, @Valid @NotNull Verification request) {
        return IdentificationView.of(desk.verify(id, request.confirmed(), request.method(), request.on(), request.findings()));
    }

    @POST
    @Path("/identifications/{id}/review")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Record the street office's review (审核); an approval sets the public posting's period (公示)")
    public IdentificationView review(@PathParam("id") UUID id, @Valid @NotNull Review request) {
        return IdentificationView.of(desk.review(id, request.approved(), request.on(), request.note(), request.postingStartsOn(),
                request.postingEndsOn()));
    }

    @POST
    @Path("/identifications/{id}/objections")
    @RolesAllowed(Roles.CASEWORKER)
    @Operation(summary = "Record an objection raised while the notice is posted")
    public Response object(@PathParam("id") UUID id, @Valid @NotNull NewObjection request) {
        desk.object(id, request.raisedOn(), request.raisedBy(), request.what());
        return Response.status(Response.Status.CREATED).entity(IdentificationView.of(desk.get(id))).build();
    }

    @POST
    @Path("/identifications/{id}/objections/{objectionId}/resolution")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Resolve an objection: dismissed, or upheld and sent back to review or rejected")
    public IdentificationView resolve(@PathParam("id") UUID id, @PathParam("objectionId") UUID objectionId,
            @Valid @NotNull Resolution request) {
        return IdentificationView.of(desk.resolve(id, objectionId, request.resolution(), request.on(), request.note()));
    }

    @POST
    @Path("/identifications/{id}/posting-completion")
    @RolesAllowed(Roles.CASEWORKER)
    @Operation(summary = "Close the posting once its period is over with no objection open")
    public IdentificationView completePosting(@PathParam("id") UUID id, @Valid @NotNull PostingCompletion request) {
        return IdentificationView.of(desk.completePosting(id, request.on()));
    }

    @POST
    @Path("/identifications/{id}/confirmation")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Record the district's decision (认定); a confirmation enters the household in the assistance ledger")
    public IdentificationView confirm(@PathParam("id") UUID id, @Valid @NotNull Confirmation request) {
        return IdentificationView.of(desk.confirm(id, request.confirmed(), request.on(), request.note()));
    }

}
