package io.wanjia.household.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.wanjia.commons.rest.InputBounds;
import io.wanjia.commons.jdbc.SqlValues;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.commons.security.Roles;
import io.wanjia.commons.rest.Page;
import io.wanjia.household.rest.HouseholdViews.UnmatchedReportView;

/** Labour reports for people not yet in the register, for case workers of the report's area to follow up. */
@Path("/api/v1/unmatched-reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CASEWORKER)
@Tag(name = "Labour reports")
@SecurityRequirement(name = "SecurityScheme")
public class UnmatchedReportResource {

    @Inject
    EntityManager em;
    @Inject
    AreaScope scope;

    @GET
    @Operation(summary = "Reports waiting for their person to be registered, oldest first")
    public Page<UnmatchedReportView> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(InputBounds.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(InputBounds.MAX_PAGE_SIZE) int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT event_id, national_id_masked, district_code, type, occurred_on, received_at FROM unmatched_report
                WHERE district_code LIKE ?1 ORDER BY received_at, event_id LIMIT ?2 OFFSET ?3""")
                .setParameter(1, scope.likePattern()).setParameter(2, size).setParameter(3, page * size).getResultList();
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM unmatched_report WHERE district_code LIKE ?1")
                .setParameter(1, scope.likePattern()).getSingleResult()).longValue();
        List<UnmatchedReportView> items = rows.stream().map(r -> new UnmatchedReportView((String) r[0], (String) r[1],
                (String) r[2], (String) r[3], SqlValues.date(r[4]), SqlValues.instant(r[5]))).toList();
        return new Page<>(items, page, size, total);
    }
}
