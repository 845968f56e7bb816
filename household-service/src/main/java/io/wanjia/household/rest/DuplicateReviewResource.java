package io.wanjia.household.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import io.wanjia.commons.rest.Page;
import io.wanjia.commons.security.Roles;
import io.wanjia.household.DuplicateReview;
import io.wanjia.household.service.DivisionCodes;
import io.wanjia.household.service.DuplicateReviews;

/**
 * The duplicate review queue: people registered here whom another district of the city registered too, found from the
 * city's identity claims. Caseworkers and supervisors of the member's area read it; a caseworker resolves it.
 */
@Path("/api/v1/duplicate-reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Households")
@SecurityRequirement(name = "SecurityScheme")
public class DuplicateReviewResource {

    /**
     * One review: the member here, the district that also holds the person (and its member id, to quote when phoning
     * that district), and how it was resolved. No national ID: the household's page shows the member.
     */
    public record DuplicateReviewView(UUID id, UUID householdId, UUID memberId, String districtCode, String otherDistrictCode,
            String otherDistrictName, UUID otherMemberId, Instant foundAt, DuplicateReview.Status status, Instant resolvedAt,
            String resolvedBy, String note) {
    }

    /** A caseworker's decision, and why (kept in the review and the audit trail). */
    public record Resolution(@NotNull DuplicateReviews.Decision decision, @NotBlank @Size(max = 500) String note) {
    }

    @Inject
    DuplicateReviews reviews;
    @Inject
    DivisionCodes divisions;

    @GET
    @RolesAllowed({Roles.CASEWORKER, Roles.SUPERVISOR})
    @Operation(summary = "Reviews in your area (or those in one status, e.g. OPEN), oldest first")
    public Page<DuplicateReviewView> list(@QueryParam("status") DuplicateReview.Status status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(InputBounds.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(InputBounds.MAX_PAGE_SIZE) int size) {
        List<DuplicateReviewView> items = reviews.list(status, page, size).stream().map(this::view).toList();
        return new Page<>(items, page, size, reviews.count(status));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CASEWORKER, Roles.SUPERVISOR})
    @Operation(summary = "One review")
    public DuplicateReviewView get(@PathParam("id") UUID id) {
        return view(reviews.get(id));
    }

    @POST
    @Path("/{id}/resolution")
    @RolesAllowed(Roles.CASEWORKER)
    @Operation(summary = "Keep the person here, or remove the member here (the other district's review then closes)")
    public DuplicateReviewView resolve(@PathParam("id") UUID id, @Valid @NotNull Resolution resolution) {
        return view(reviews.resolve(id, resolution.decision(), resolution.note()));
    }

    private DuplicateReviewView view(DuplicateReview review) {
        return new DuplicateReviewView(review.id, review.householdId, review.memberId, review.districtCode, review.otherDistrictCode,
                divisions.name(review.otherDistrictCode), review.otherMemberId, review.foundAt, review.status, review.resolvedAt,
                review.resolvedBy, review.note);
    }
}
