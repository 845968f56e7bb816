package io.wanjia.household.rest;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.smallrye.common.annotation.Blocking;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.security.Roles;
import io.wanjia.household.LedgerImport;
import io.wanjia.household.rest.LedgerImportViews.ImportView;
import io.wanjia.household.service.LedgerImports;
import io.wanjia.household.service.LedgerWorkbooks;

/**
 * Bulk import of a city's ledger (台账) for case workers, within their area: the template, a file posted as
 * {@code multipart/form-data} ({@code file}, {@code mode}), the job's progress and its error report.
 */
@Path("/api/v1/imports")
@RolesAllowed(Roles.CASEWORKER)
@Tag(name = "Ledger import")
@SecurityRequirement(name = "SecurityScheme")
@Blocking
public class LedgerImportResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final int ERRORS_IN_VIEW = 50;

    @Inject
    LedgerImports imports;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a ledger (XLSX or CSV in the template's columns): 202 with the new job, 200 with the job this file already has")
    public Response submit(@RestForm("file") FileUpload file, @RestForm("mode") String mode) throws IOException {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalid("file", "required", "a multipart part named file must hold the ledger");
        }
        LedgerImports.Submission submission = imports.submit(file.uploadedFile(), file.fileName(), mode(mode));
        ImportView view = ImportView.of(submission.job(), java.util.List.of());
        if (submission.created()) {
            return Response.accepted(view).location(URI.create("/api/v1/imports/" + submission.job().id)).build();
        }
        return Response.ok(view).location(URI.create("/api/v1/imports/" + submission.job().id)).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Anything but multipart/form-data is refused (400)")
    public Response notMultipart() {
        throw ProblemException.invalid("Content-Type", "multipart-form-data",
                "post the ledger as multipart/form-data with a part named file (and mode ALL_OR_NOTHING or VALID_ROWS)");
    }

    @GET
    @Path("/template.xlsx")
    @Produces(XLSX)
    @Operation(summary = "The empty template: the ledger's columns, and a second sheet of what each takes")
    public Response template() {
        StreamingOutput body = LedgerWorkbooks::template;
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"ledger-template.xlsx\"").build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An import job of your area: status, counts and its first errors (404 outside your area)")
    public ImportView get(@PathParam("id") UUID id) {
        LedgerImport job = imports.get(id);
        return ImportView.of(job, imports.errors(id, ERRORS_IN_VIEW));
    }

    @GET
    @Path("/{id}/errors.xlsx")
    @Produces(XLSX)
    @Operation(summary = "The job's error report as XLSX: row, column, rule, message")
    public Response errorsXlsx(@PathParam("id") UUID id) {
        imports.get(id);
        StreamingOutput body = out -> imports.report(id, true, out);
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"import-" + id + "-errors.xlsx\"").build();
    }

    @GET
    @Path("/{id}/errors.csv")
    @Produces("text/csv")
    @Operation(summary = "The job's error report as CSV (UTF-8): row, column, rule, message")
    public Response errorsCsv(@PathParam("id") UUID id) {
        imports.get(id);
        StreamingOutput body = out -> imports.report(id, false, out);
        return Response.ok(body).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"import-" + id + "-errors.csv\"").build();
    }

    @GET
    @Path("/{id}/households.csv")
    @Produces("text/csv")
    @Operation(summary = "Which household each ledger number (户编号) became: row, householdRef, householdId")
    public Response households(@PathParam("id") UUID id) {
        imports.get(id);
        StreamingOutput body = out -> imports.households(id, out);
        return Response.ok(body).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"import-" + id + "-households.csv\"").build();
    }

    private static LedgerImport.Mode mode(String mode) {
        if (mode == null || mode.isBlank()) {
            throw ProblemException.invalid("mode", "required", "mode must be ALL_OR_NOTHING or VALID_ROWS");
        }
        return Arrays.stream(LedgerImport.Mode.values()).filter(m -> m.name().equalsIgnoreCase(mode.strip())).findFirst()
                .orElseThrow(() -> ProblemException.invalid("mode", "one-of", "mode must be ALL_OR_NOTHING or VALID_ROWS"));
    }
}
