package io.wanjia.household.rest;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
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
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.security.Roles;
import io.wanjia.household.Household;
import io.wanjia.household.domain.HouseholdStatus;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.household.Identification;
import io.wanjia.household.rest.HouseholdRequests.CohortChange;
import io.wanjia.household.rest.HouseholdRequests.Exit;
import io.wanjia.household.rest.HouseholdRequests.Lookup;
import io.wanjia.household.rest.HouseholdRequests.MemberChange;
import io.wanjia.household.rest.HouseholdRequests.MinimumLivingAllowanceChange;
import io.wanjia.household.rest.HouseholdRequests.NewMember;
import io.wanjia.household.rest.HouseholdRequests.RegisterHousehold;
import io.wanjia.household.rest.HouseholdRequests.Reveal;
import io.wanjia.household.rest.HouseholdViews.HistoryEntry;
import io.wanjia.household.rest.HouseholdViews.HouseholdView;
import io.wanjia.household.rest.HouseholdViews.IdentityMatch;
import io.wanjia.household.rest.HouseholdViews.RevealedNationalId;
import io.wanjia.commons.rest.Page;
import io.wanjia.household.service.HouseholdRegister;
import io.wanjia.household.rest.IdentificationRequests.Declaration;
import io.wanjia.household.rest.IdentificationRequests.NewContact;
import io.wanjia.household.rest.IdentificationViews.ContactLogView;
import io.wanjia.household.rest.IdentificationViews.ContactView;
import io.wanjia.household.rest.IdentificationViews.IdentificationView;
import io.wanjia.household.service.ContactLog;
import io.wanjia.household.service.DivisionCodes;
import io.wanjia.household.service.IdentificationDesk;
import io.wanjia.household.service.IdentityDesk;

/**
 * The real-name register for case workers (supervisors read one household), within their area: maps the bodies to what
 * {@link HouseholdRegister} takes, and the households it returns to views.
 */
@Path("/api/v1/households")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CASEWORKER)
@Tag(name = "Households")
@SecurityRequirement(name = "SecurityScheme")
public class HouseholdResource {

    @Inject
    HouseholdRegister register;
    @Inject
    AuditTrail audit;
    @Inject
    IdentityDesk identities;
    @Inject
    IdentificationDesk identifications;
    @Inject
    ContactLog contacts;
    @Inject
    DivisionCodes divisions;
    @Inject
    Clock clock;

    @POST
    @Operation(summary = "Register a household with its members")
    public Response register(@Valid @NotNull RegisterHousehold request) {
        Household household = register.register(request.toHousehold(), request.enrolments());
        return Response.created(URI.create("/api/v1/households/" + household.id)).entity(view(household)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CASEWORKER, Roles.SUPERVISOR})
    @Operation(summary = "One household with its members (national IDs masked)")
    public HouseholdView get(@PathParam("id") UUID id) {
        return view(register.get(id));
    }

    @GET
    @Operation(summary = "Households in your area, newest first; name finds those with a member whose name starts with it")
    public Page<HouseholdView> list(
            @QueryParam("district") @Pattern(regexp = "\\d{2}|\\d{4}|\\d{6}", message = "must be a division-code prefix of 2, 4 or 6 digits") String district,
            @QueryParam("status") HouseholdStatus status,
            @QueryParam("zeroEmploymentSinceFrom") LocalDate sinceFrom,
            @QueryParam("zeroEmploymentSinceTo") LocalDate sinceTo,
            @QueryParam("name") @Size(min = 1, max = 50) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters") String name,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(InputBounds.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(InputBounds.MAX_PAGE_SIZE) int size) {
        HouseholdRegister.Filter filter = new HouseholdRegister.Filter(district, status, sinceFrom, sinceTo, name);
        List<HouseholdView> items = register.list(filter, page, size).stream().map(this::view).toList();
        return new Page<>(items, page, size, register.count(filter));
    }

    @POST
    @Path("/lookup")
    @Operation(summary = "Find a person by the national ID typed in full (audited, rationed per caller; 404 outside your area)")
    public IdentityMatch lookup(@Valid @NotNull Lookup request) {
        IdentityDesk.Match match = identities.lookup(request.nationalId())
                .orElseThrow(() -> ProblemException.notFound("person", "with this national ID"));
        return new IdentityMatch(match.householdId(), match.memberId(), view(register.get(match.householdId())));
    }

    @POST
    @Path("/{id}/members/{memberId}/national-id/reveal")
    @Operation(summary = "Show a member's national ID in full, with a reason (audited, rationed per caller)")
    public Response reveal(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId, @Valid @NotNull Reveal request) {
        String nationalId = identities.reveal(id, memberId, request.reason()).value();
        return Response.ok(new RevealedNationalId(memberId, nationalId)).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/{id}/members")
    @Operation(summary = "Add a member")
    public Response addMember(@PathParam("id") UUID id, @Valid @NotNull NewMember request) {
        var member = register.addMember(id, request.toEnrolment());
        return Response.status(Response.Status.CREATED).entity(view(member.household)).build();
    }

    @PATCH
    @Path("/{id}/members/{memberId}")
    @Operation(summary = "Change a member's facts (absent fields stay)")
    public HouseholdView changeMember(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId,
            @Valid @NotNull MemberChange change) {
        return view(register.changeMember(id, memberId, change::applyTo, change.status(), change.effectiveOn()).household);
    }

    @DELETE
    @Path("/{id}/members/{memberId}")
    @Operation(summary = "Remove a member")
    public HouseholdView removeMember(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId) {
        register.removeMember(id, memberId);
        return view(register.get(id));
    }

    @PUT
    @Path("/{id}/cohort")
    @Operation(summary = "Set the household's cohort (and a relocation household's move-back date); applies from its next episode")
    public HouseholdView changeCohort(@PathParam("id") UUID id, @Valid @NotNull CohortChange request) {
        return view(register.changeCohort(id, request.cohort(), request.movedBackOn()));
    }

    @PUT
    @Path("/{id}/minimum-living-allowance")
    @Operation(summary = "Set whether the household receives the minimum living allowance (低保); a recent graduate of it may become a"
            + " graduate in need")
    public HouseholdView changeMinimumLivingAllowance(@PathParam("id") UUID id, @Valid @NotNull MinimumLivingAllowanceChange request) {
        return view(register.changeMinimumLivingAllowance(id, request.minimumLivingAllowance(), request.effectiveOn()));
    }

    @POST
    @Path("/{id}/exit")
    @Operation(summary = "Record an exit (退出) with its reason")
    public HouseholdView exit(@PathParam("id") UUID id, @Valid @NotNull Exit request) {
        return view(register.exit(id, request.reason(), request.note(), request.on()));
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "Who changed what and when")
    public List<HistoryEntry> history(@PathParam("id") UUID id) {
        register.get(id);
        return audit.history("household", id).stream()
                .map(e -> new HistoryEntry(e.at(), e.actor(), e.action(), e.before(), e.after())).toList();
    }

    @POST
    @Path("/{id}/identifications")
    @RolesAllowed(Roles.CASEWORKER)
    @Operation(summary = "Open an identification on a household's declaration (申报); the zero-employment rule runs as a check")
    public Response declare(@PathParam("id") UUID id, @Valid @NotNull Declaration request) {
        Identification identification = identifications.declare(id, request.declaredOn(), request.note());
        return Response.created(URI.create("/api/v1/identifications/" + identification.id)).entity(IdentificationView.of(identification)).build();
    }

    @GET
    @Path("/{id}/identifications")
    @RolesAllowed({Roles.CASEWORKER, Roles.SUPERVISOR})
    @Operation(summary = "A household's identifications, newest first, each with its timeline")
    public List<IdentificationView> ofHousehold(@PathParam("id") UUID id) {
        return identifications.of(id).stream().map(IdentificationView::of).toList();
    }

    @POST
    @Path("/{id}/contacts")
    @RolesAllowed(Roles.CASEWORKER)
    @Operation(summary = "Record an attempt to reach a household (电话核实, 走访)")
    public Response contact(@PathParam("id") UUID id, @Valid @NotNull NewContact request) {
        var attempt = contacts.record(id, request.on(), request.channel(), request.reached(), request.memberId(), request.note());
        return Response.status(Response.Status.CREATED).entity(ContactView.of(attempt)).build();
    }

    @GET
    @Path("/{id}/contacts")
    @RolesAllowed({Roles.CASEWORKER, Roles.SUPERVISOR})
    @Operation(summary = "A household's contact log and whether it shows the household unreachable")
    public ContactLogView contacts(@PathParam("id") UUID id) {
        var attempts = contacts.of(id);
        return ContactLogView.of(attempts, contacts.reachability(attempts));
    }

    /** The household as every response shows it. */
    private HouseholdView view(Household household) {
        return HouseholdView.of(household, divisions.name(household.districtCode), LocalDate.now(clock));
    }
}
