package io.wanjia.console;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * The officials' dashboard, reporting-service's own page, shown under the console's login: {@code /reporting/index.html}
 * and the few files it loads come from reporting-service as they are; the page notices where it was opened and sends its
 * calls through the console ({@link ApiProxy}) with the official's session, so it never asks for a token. One dashboard,
 * two doors: nothing of it is copied here.
 */
@Path("/reporting")
public class DashboardPages {

    /** Exactly the dashboard's files: its page, script, style sheet and charting library. */
    private static final String FILES = "index.html|dashboard\\.js|dashboard\\.css|webjars/echarts/[0-9.]+/dist/echarts\\.min\\.js";

    @Inject
    Services services;

    @GET
    @Path("{file: " + FILES + "}")
    public Response file(@PathParam("file") String file) {
        URI target = services.base("reporting").orElseThrow().resolve("/" + file);
        return services.relay("reporting-service", Services.request(target).build());
    }
}
