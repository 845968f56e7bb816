package io.wanjia.household.rest;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.wanjia.commons.rest.InputBounds;
import io.wanjia.commons.rest.Page;
import io.wanjia.commons.security.Roles;
import io.wanjia.contracts.transfer.TransferFailed;
import io.wanjia.contracts.transfer.TransferRefused;
import io.wanjia.household.HouseholdTransfer;
import io.wanjia.household.HouseholdTransfer.Direction;
import io.wanjia.household.HouseholdTransfer.Status;
import io.wanjia.household.service.DivisionCodes;
import io.wanjia.household.service.HouseholdTransfers;

/**
 * Transfers of households between the districts of a city (README, "Transfers between districts"). A caseworker of the
 * district a family moved to requests one with the members' national IDs; a caseworker of the district that holds it
 * releases or refuses it. Caseworkers and supervisors of the transfer's district read them.
 */
@Path("/api/v1/transfers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Households")
@SecurityRequirement(name = "SecurityScheme")
public class TransferResource {

    /** A member of the family that moved here, as their ID card and household booklet (户口簿) say. */
    public record TransferMember(@NotBlank @Size(max = 18) String nationalId, @NotBlank @Size(max = 50) String name) {
    }

    /** The family's new home here, its members (every one), and why. */
    public record TransferRequest(
            @NotBlank @Pattern(regexp = "\\d{6}", message = "must be a 6-digit GB/T 2260 division code") String districtCode,
            @NotBlank @Size(max = 100) String street,
            @NotBlank @Size(max = 100) String community,
            @NotBlank @Size(max = 300) String address,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull TransferMember> members,
            @Size(max = 500) String note) {
    }

    /** A release or a refusal, and why (kept here; a refusal's note never leaves this district). */
    public record Decision(@NotBlank @Size(max = 500) String note) {
    }

    /**
     * One transfer as this district sees it: which way, where it stands, the two districts, the household here (the one
     * asked for, or the one registered on arrival), how many people it moves, and why it was refused or failed. No ID, no
     * name.
     */
    public record TransferView(UUID id, Direction direction, Status status, String fromDistrictCode, String fromDistrictName,
            String toDistrictCode, String toDistrictName, UUID householdId, int members, LocalDate requestedOn, String requestedBy,
            TransferRefused.Reason refusalReason, TransferFailed.Reason failureReason, Instant decidedAt, String decidedBy, String note) {
    }

    @Inject
    HouseholdTransfers transfers;
    @Inject
    DivisionCodes divisions;

    @POST
    @RolesAllowed(Roles.CASEWORKER)
    @Operation(summary = "Ask the district that holds a family that moved here to release it (every member's national ID)")
    public Response request(@Valid @NotNull TransferRequest request) {
        HouseholdTransfer transfer = transfers.request(new HouseholdTransfers.NewHome(request.districtCode(), request.street().trim(),
                request.community().trim(), request.address().trim()), request.members().stream()
                        .map(m -> new HouseholdTransfers.Person(m.nationalId(), m.name())).toList(), request.note());
        return Response.created(URI.create("/api/v1/transfers/" + transfer.id)).entity(view(transfer)).build();
    }

    @GET
    @RolesAllowed({Roles.CASEWORKER, Roles.SUPERVISOR})
    @Operation(summary = "Transfers of your area, either way or one (direction IN: asked here; OUT: asked of you), newest first")
    public Page<TransferView> list(@QueryParam("direction") Direction direction, @QueryParam("status") Status status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(InputBounds.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(InputBounds.MAX_PAGE_SIZE) int size) {
        List<TransferView> items = transfers.list(direction, status, page, size).stream().map(this::view).toList();
        return new Page<>(items, page, size, transfers.count(direction, status));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CASEWORKER, Roles.SUPERVISOR})
    @Operation(summary = "One transfer")
    public TransferView get(@PathParam("id") UUID id) {
        return view(transfers.get(id));
    }

    @POST
    @Path("/{id}/release")
    @RolesAllowed(Roles.CASEWORKER)
    @Operation(summary = "Release a household another district asked for: it moves there with its open case; its record here"
            + " closes once it is registered there")
    public TransferView release(@PathParam("id") UUID id, @Valid @NotNull Decision decision) {
        return view(transfers.release(id, decision.note()));
    }

    @POST
    @Path("/{id}/refusal")
    @RolesAllowed(Roles.CASEWORKER)
    @Operation(summary = "Refuse a transfer another district asked for (it learns the refusal, not the note)")
    public TransferView refuse(@PathParam("id") UUID id, @Valid @NotNull Decision decision) {
        return view(transfers.refuse(id, decision.note()));
    }

    private TransferView view(HouseholdTransfer t) {
        return new TransferView(t.id, t.direction, t.status, t.fromDistrictCode, divisions.name(t.fromDistrictCode), t.toDistrictCode,
                divisions.name(t.toDistrictCode), t.householdId, t.memberCount, t.requestedOn, t.requestedBy, t.refusalReason,
                t.failureReason, t.decidedAt, t.decidedBy, t.note);
    }
}
