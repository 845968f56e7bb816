package io.wanjia.household.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.wanjia.commons.security.AreaScope;
import io.wanjia.commons.security.Roles;
import io.wanjia.household.service.NationalIdRekeying;
import io.wanjia.household.service.NationalIdRekeying.KeyUsage;
import io.wanjia.household.service.NationalIdRekeying.Progress;

/**
 * The national-ID keys, for administrators of an area: which keys its stored rows use, and the re-keying that moves them
 * to the active ones before an old key leaves the ring (README, "National-ID keys and ciphers").
 */
@Path("/api/v1/admin/national-id-keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Administration")
@SecurityRequirement(name = "SecurityScheme")
public class NationalIdKeyResource {

    @Inject
    NationalIdRekeying rekeying;
    @Inject
    AreaScope scope;

    @GET
    @Operation(summary = "The ring's keys and how many stored national IDs of your area each one sealed or hashed")
    public KeyUsage usage() {
        return rekeying.usage(scope.area());
    }

    @POST
    @Path("/rekey")
    @Operation(summary = "Seal and hash about `limit` national IDs of your area again under the active keys; call again until done")
    public Progress rekey(@QueryParam("limit") @DefaultValue("10000") @Min(1) @Max(100_000) int limit) {
        return rekeying.rekey(scope.area(), limit);
    }
}
