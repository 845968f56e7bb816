package io.wanjia.reporting.rest;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.wanjia.commons.security.AreaScope;
import io.wanjia.commons.security.Roles;
import io.wanjia.reporting.service.Exports;
import io.wanjia.reporting.service.ReadModel;
import io.wanjia.reporting.service.Reports;
import io.wanjia.reporting.service.Reports.Monthly;
import io.wanjia.reporting.service.Reports.Point;
import io.wanjia.reporting.service.Reports.Summary;

/** The figures for officials, within their area, and the admin's rebuild of the read model. */
@Path("/api/v1")
@Tag(name = "Reports")
@SecurityRequirement(name = "SecurityScheme")
public class ReportResource {

    private static final String AREA = "\\d{2}|\\d{4}|\\d{6}";
    private static final String AREA_MESSAGE = "must be a division-code prefix of 2, 4 or 6 digits";
    private static final String MONTH = "\\d{4}-(0[1-9]|1[0-2])";
    private static final String MONTH_MESSAGE = "must be a month as YYYY-MM";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String CSV = "text/csv; charset=UTF-8";

    @Inject
    Reports reports;
    @Inject
    Exports exports;
    @Inject
    ReadModel readModel;
    @Inject
    AreaScope scope;
    @Inject
    java.time.Clock clock;

    @GET
    @Path("/reports/summary")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OFFICIAL)
    @Operation(summary = "The figures of an area for a period, with a row per area one level down")
    public Summary summary(@QueryParam("area") @Pattern(regexp = AREA, message = AREA_MESSAGE) String area,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        return reports.summary(reports.areaFor(area), orStart(from), orToday(to));
    }

    @GET
    @Path("/reports/series")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OFFICIAL)
    @Operation(summary = "Period figures by day, week or month")
    public List<Point> series(@QueryParam("area") @Pattern(regexp = AREA, message = AREA_MESSAGE) String area,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("granularity") @DefaultValue("day") String granularity) {
        return reports.series(reports.areaFor(area), orStart(from), orToday(to), granularity);
    }

    @GET
    @Path("/reports/summary.csv")
    @Produces("text/csv")
    @RolesAllowed(Roles.OFFICIAL)
    @Operation(summary = "The summary and breakdown as CSV (lang=zh or en)")
    public Response csv(@QueryParam("area") @Pattern(regexp = AREA, message = AREA_MESSAGE) String area,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("lang") @DefaultValue("zh") @Pattern(regexp = "zh|en", message = "must be zh or en") String lang) {
        Summary summary = reports.summary(reports.areaFor(area), orStart(from), orToday(to));
        return attachment(exports.csv(summary, lang), CSV, "wanjia-" + summary.area() + "-" + summary.to() + ".csv");
    }

    @GET
    @Path("/reports/summary.xlsx")
    @Produces(XLSX)
    @RolesAllowed(Roles.OFFICIAL)
    @Operation(summary = "The summary and breakdown as XLSX (lang=zh or en)")
    public Response xlsx(@QueryParam("area") @Pattern(regexp = AREA, message = AREA_MESSAGE) String area,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("lang") @DefaultValue("zh") @Pattern(regexp = "zh|en", message = "must be zh or en") String lang) {
        Summary summary = reports.summary(reports.areaFor(area), orStart(from), orToday(to));
        return attachment(exports.xlsx(summary, lang), XLSX, "wanjia-" + summary.area() + "-" + summary.to() + ".xlsx");
    }

    @GET
    @Path("/reports/monthly")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OFFICIAL)
    @Operation(summary = "The monthly statistical table (月报) of an area: its total, each city's subtotal and each district's row")
    public Monthly monthly(@QueryParam("area") @Pattern(regexp = AREA, message = AREA_MESSAGE) String area,
            @QueryParam("month") @NotNull @Pattern(regexp = MONTH, message = MONTH_MESSAGE) String month) {
        return reports.monthly(reports.areaFor(area), YearMonth.parse(month));
    }

    @GET
    @Path("/reports/monthly.csv")
    @Produces("text/csv")
    @RolesAllowed(Roles.OFFICIAL)
    @Operation(summary = "The monthly table as CSV (lang=zh or en)")
    public Response monthlyCsv(@QueryParam("area") @Pattern(regexp = AREA, message = AREA_MESSAGE) String area,
            @QueryParam("month") @NotNull @Pattern(regexp = MONTH, message = MONTH_MESSAGE) String month,
            @QueryParam("lang") @DefaultValue("zh") @Pattern(regexp = "zh|en", message = "must be zh or en") String lang) {
        Monthly monthly = reports.monthly(reports.areaFor(area), YearMonth.parse(month));
        return attachment(exports.csv(monthly, lang), CSV, "wanjia-monthly-" + monthly.area() + "-" + monthly.month() + ".csv");
    }

    @GET
    @Path("/reports/monthly.xlsx")
    @Produces(XLSX)
    @RolesAllowed(Roles.OFFICIAL)
    @Operation(summary = "The monthly table as XLSX (lang=zh or en)")
    public Response monthlyXlsx(@QueryParam("area") @Pattern(regexp = AREA, message = AREA_MESSAGE) String area,
            @QueryParam("month") @NotNull @Pattern(regexp = MONTH, message = MONTH_MESSAGE) String month,
            @QueryParam("lang") @DefaultValue("zh") @Pattern(regexp = "zh|en", message = "must be zh or en") String lang) {
        Monthly monthly = reports.monthly(reports.areaFor(area), YearMonth.parse(month));
        return attachment(exports.xlsx(monthly, lang), XLSX, "wanjia-monthly-" + monthly.area() + "-" + monthly.month() + ".xlsx");
    }

    @POST
    @Path("/admin/rebuild")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Rebuild the read model from the topics beside the active one, then switch (the API keeps answering)")
    public Response rebuild() {
        scope.requireWholeDeployment("rebuild");
        return Response.accepted(readModel.startRebuild(scope.subject())).build();
    }

    @GET
    @Path("/admin/rebuild")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The active generation and the last rebuild")
    public ReadModel.State rebuildState() {
        return readModel.state();
    }

    /** A download: {@code body} of {@code type}, saved as {@code filename}. */
    private static Response attachment(Object body, String type, String filename) {
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    private LocalDate orStart(LocalDate from) {
        return from != null ? from : LocalDate.now(clock).withDayOfYear(1);
    }

    private LocalDate orToday(LocalDate to) {
        return to != null ? to : LocalDate.now(clock);
    }

}
