package io.wanjia.placement.rest;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import io.wanjia.contracts.JobKind;
import io.wanjia.placement.JobPost;
import io.wanjia.placement.Offer;
import io.wanjia.placement.Placement;
import io.wanjia.placement.rest.PlacementRequests.Accept;
import io.wanjia.placement.rest.PlacementRequests.Decline;
import io.wanjia.placement.rest.PlacementRequests.End;
import io.wanjia.placement.rest.PlacementRequests.FollowUpResult;
import io.wanjia.placement.rest.PlacementRequests.NewOffer;
import io.wanjia.placement.rest.PlacementRequests.NewPost;
import io.wanjia.placement.rest.PlacementRequests.PostChange;
import io.wanjia.placement.rest.PlacementViews.CandidateView;
import io.wanjia.placement.rest.PlacementViews.FollowUpView;
import io.wanjia.placement.rest.PlacementViews.OfferView;
import io.wanjia.placement.rest.PlacementViews.PlacementView;
import io.wanjia.placement.rest.PlacementViews.PostView;
import io.wanjia.placement.rest.PlacementViews.Suggestions;
import io.wanjia.placement.service.JobPosts;
import io.wanjia.placement.service.Matching;
import io.wanjia.placement.service.PlacementDesk;

/**
 * Job posts, candidates, suggestions, offers, placements and follow-ups, for placement officers of an area. Case workers of
 * the area see a household's suggestions, make offers and follow them; answers to offers and placements stay the officers'.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLACEMENT_OFFICER)
@Tag(name = "Placement")
@SecurityRequirement(name = "SecurityScheme")
public class PlacementResource {

    @Inject
    JobPosts posts;
    @Inject
    Matching matching;
    @Inject
    PlacementDesk desk;

    @POST
    @Path("/posts")
    @Operation(summary = "Create a job post")
    public Response createPost(@Valid @NotNull NewPost request) {
        JobPost post = posts.create(request);
        return Response.created(URI.create("/api/v1/posts/" + post.id)).entity(PostView.of(post)).build();
    }

    @GET
    @Path("/posts")
    @Operation(summary = "Job posts in your area")
    public Page<PostView> listPosts(@QueryParam("kind") JobKind kind,
            @QueryParam("district") @Pattern(regexp = "\\d{2}|\\d{4}|\\d{6}", message = "must be a division-code prefix of 2, 4 or 6 digits") String district,
            @QueryParam("open") Boolean open, @QueryParam("page") @DefaultValue("0") @Min(0) @Max(InputBounds.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(InputBounds.MAX_PAGE_SIZE) int size) {
        return new Page<>(posts.list(kind, district, open, page, size).stream().map(PostView::of).toList(), page, size,
                posts.count(kind, district, open));
    }

    @GET
    @Path("/posts/{id}")
    @RolesAllowed({Roles.PLACEMENT_OFFICER, Roles.CASEWORKER})
    public PostView post(@PathParam("id") UUID id) {
        return PostView.of(posts.get(id));
    }

    @PATCH
    @Path("/posts/{id}")
    @Operation(summary = "Change a post (absent fields stay)")
    public PostView changePost(@PathParam("id") UUID id, @Valid @NotNull PostChange change) {
        return PostView.of(posts.change(id, change));
    }

    @POST
    @Path("/posts/{id}/close")
    @Operation(summary = "Close a post to new offers")
    public PostView closePost(@PathParam("id") UUID id) {
        return PostView.of(posts.close(id));
    }

    @GET
    @Path("/candidates")
    @Operation(summary = "Members of zero-employment households in your area, longest waiting first")
    public List<CandidateView> candidates(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(InputBounds.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(InputBounds.MAX_PAGE_SIZE) int size) {
        return matching.candidates(page, size);
    }

    @GET
    @Path("/households/{householdId}/suggestions")
    @RolesAllowed({Roles.PLACEMENT_OFFICER, Roles.CASEWORKER})
    @Operation(summary = "For each candidate of a household, open posts ranked by fit with the reasons")
    public List<Suggestions> suggestions(@PathParam("householdId") UUID householdId) {
        return matching.suggestions(householdId);
    }

    @POST
    @Path("/offers")
    @RolesAllowed({Roles.PLACEMENT_OFFICER, Roles.CASEWORKER})
    @Operation(summary = "Offer a post to a candidate")
    public Response offer(@Valid @NotNull NewOffer request) {
        var offer = desk.offer(request);
        return Response.created(URI.create("/api/v1/offers/" + offer.id)).entity(OfferView.of(offer, null)).build();
    }

    @GET
    @Path("/offers")
    @RolesAllowed({Roles.PLACEMENT_OFFICER, Roles.CASEWORKER})
    @Operation(summary = "Offers in your area with their answers, by status and household; newest first")
    public Page<OfferView> offers(@QueryParam("status") Offer.Status status, @QueryParam("householdId") UUID householdId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(InputBounds.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(InputBounds.MAX_PAGE_SIZE) int size) {
        List<Offer> offers = desk.offers(status, householdId, page, size);
        Map<UUID, UUID> placements = desk.placementsOf(offers.stream().map(o -> o.id).toList());
        return new Page<>(offers.stream().map(o -> OfferView.of(o, placements.get(o.id))).toList(), page, size,
                desk.countOffers(status, householdId));
    }

    @GET
    @Path("/offers/{id}")
    @RolesAllowed({Roles.PLACEMENT_OFFICER, Roles.CASEWORKER})
    @Operation(summary = "One offer of your area, with the placement it led to")
    public OfferView offerOf(@PathParam("id") UUID id) {
        Offer offer = desk.offerOf(id);
        return OfferView.of(offer, desk.placementsOf(List.of(offer.id)).get(offer.id));
    }

    @POST
    @Path("/offers/{id}/decline")
    @Operation(summary = "The member declines, with a reason")
    public OfferView decline(@PathParam("id") UUID id, @Valid @NotNull Decline request) {
        return OfferView.of(desk.decline(id, request), null);
    }

    @POST
    @Path("/offers/{id}/accept")
    @Operation(summary = "The member accepts: a placement starts (409 when the last opening went meanwhile)")
    public Response accept(@PathParam("id") UUID id, @Valid Accept request) {
        Placement placement = desk.accept(id, request);
        return Response.created(URI.create("/api/v1/placements/" + placement.id)).entity(PlacementView.of(placement)).build();
    }

    @GET
    @Path("/placements")
    @Operation(summary = "Placements in your area, by household and whether active; newest first")
    public Page<PlacementView> placements(@QueryParam("householdId") UUID householdId, @QueryParam("active") Boolean active,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(InputBounds.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(InputBounds.MAX_PAGE_SIZE) int size) {
        return new Page<>(desk.placements(householdId, active, page, size).stream().map(PlacementView::of).toList(), page, size,
                desk.countPlacements(householdId, active));
    }

    @GET
    @Path("/placements/{id}")
    public PlacementView placement(@PathParam("id") UUID id) {
        return PlacementView.of(desk.placement(id));
    }

    @POST
    @Path("/placements/{id}/end")
    @Operation(summary = "The job was lost or left")
    public PlacementView end(@PathParam("id") UUID id, @Valid @NotNull End request) {
        return PlacementView.of(desk.end(id, request));
    }

    @GET
    @Path("/follow-ups/due")
    @Operation(summary = "Follow-up visits (回访) due by a date (default today), earliest first")
    public List<FollowUpView> dueFollowUps(@QueryParam("by") LocalDate by) {
        return desk.dueFollowUps(by);
    }

    @POST
    @Path("/follow-ups/{id}")
    @Operation(summary = "Record what a follow-up visit found; LEFT ends the placement")
    public FollowUpView recordFollowUp(@PathParam("id") UUID id, @Valid @NotNull FollowUpResult request) {
        return FollowUpView.of(desk.recordFollowUp(id, request));
    }
}
