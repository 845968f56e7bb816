package io.wanjia.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

/**
 * The officials' dashboard, reporting-service's own page, shown under the console's login: {@code /reporting/index.html}
 * and the few files it loads come from reporting-service as they are; the page notices where it was opened and sends its
 * calls through the console ({@link ApiProxy}) with the official's session, so it never asks for a token. One dashboard,
 * two doors: nothing of it is copied here.
 */
@Path("/reporting")
public class DashboardPages {

    private static final Logger LOG = Logger.getLogger(DashboardPages.class);
    /** Exactly the dashboard's files: its page, script, style sheet and charting library. */
    private static final String FILES = "index.html|dashboard\\.js|dashboard\\.css|webjars/echarts/[0-9.]+/dist/echarts\\.min\\.js";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    ConsoleConfig config;

    @GET
    @Path("{file: " + FILES + "}")
    public Response file(@PathParam("file") String file) {
        URI target = config.services().get("reporting").resolve("/" + file);
        try {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                return Problems.of(502, "service-unavailable", "The dashboard cannot be shown", "reporting-service answered "
                        + answer.statusCode());
            }
            Response.ResponseBuilder response = Response.ok(answer.body());
            answer.headers().firstValue("Content-Type").ifPresent(type -> response.header("Content-Type", type));
            return response.build();
        } catch (IOException e) {
            LOG.warnf("reporting-service could not be reached for %s: %s", file, e.getClass().getSimpleName());
            return Problems.of(502, "service-unavailable", "The dashboard cannot be shown", "reporting-service is not answering");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Problems.of(502, "service-unavailable", "The dashboard cannot be shown", "interrupted");
        }
    }
}
