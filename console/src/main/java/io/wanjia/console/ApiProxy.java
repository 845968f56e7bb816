package io.wanjia.console;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.oidc.AccessTokenCredential;

/**
 * The pages' one door to the services: {@code /api/household/v1/households?status=...} goes to household-service's
 * {@code /api/v1/households?status=...} with the signed-in person's access token, so each service checks roles and area
 * exactly as it does for any client. The token stays in the encrypted session cookie and in this server; the page never
 * holds it.
 *
 * <p>The session travels in a cookie, so a request from another site could ride on it: the session cookie is SameSite=Lax
 * (no cross-site POST carries it) and every call must also carry {@code X-Requested-With: JavaScript}, a header a form or a
 * link cannot set and a cross-origin script cannot send without a preflight this server never grants. The same header makes
 * an expired session answer 499 instead of a redirect, which the page turns into going back to the login page.
 */
@Path("/api/{service}")
public class ApiProxy {

    static final String SCRIPT_HEADER = "X-Requested-With";
    private static final Set<String> REQUEST_HEADERS = Set.of("content-type", "accept", "accept-language", "if-match");
    private static final Set<String> BODILESS = Set.of("GET", "DELETE");
    /** v1 and plain segments (letters, digits, - _ . ~, never . or .. alone, nothing percent-encoded). */
    private static final Pattern API_PATH = Pattern.compile("v1(/(?!\\.{1,2}(/|$))[A-Za-z0-9._~-]+)+");

    @Inject
    Services services;

    @Inject
    AccessTokenCredential token;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @GET
    @Path("{path: .+}")
    public Response get(@PathParam("service") String service) {
        return forward("GET", service, null);
    }

    @POST
    @Path("{path: .+}")
    public Response post(@PathParam("service") String service, byte[] body) {
        return forward("POST", service, body);
    }

    @PUT
    @Path("{path: .+}")
    public Response put(@PathParam("service") String service, byte[] body) {
        return forward("PUT", service, body);
    }

    @PATCH
    @Path("{path: .+}")
    public Response patch(@PathParam("service") String service, byte[] body) {
        return forward("PATCH", service, body);
    }

    @DELETE
    @Path("{path: .+}")
    public Response delete(@PathParam("service") String service) {
        return forward("DELETE", service, null);
    }

    /** Sends the request on as it came (its raw path below /api/{service}/, its query), with the person's token. */
    private Response forward(String method, String service, byte[] body) {
        if (!"JavaScript".equals(headers.getHeaderString(SCRIPT_HEADER))) {
            return Problems.of(403, "script-only", "Calls through the console come from its pages",
                    "the request lacks the X-Requested-With: JavaScript header the console's pages send");
        }
        URI base = services.base(service).orElse(null);
        // The path as sent (still encoded), never the decoded one: an encoded slash or dot could otherwise walk out of /api/v1.
        String rawPath = uri.getRequestUri().getRawPath();
        String prefix = "/api/" + service + "/";
        String forwarded = rawPath.startsWith(prefix) ? rawPath.substring(prefix.length()) : "";
        if (base == null || !API_PATH.matcher(forwarded).matches()) {
            return Problems.of(404, "not-found", "No such service or path",
                    "the console forwards /api/{household|placement|deadline|reporting}/v1/... (plain path segments only)");
        }
        URI target;
        try {
            String query = uri.getRequestUri().getRawQuery();
            target = URI.create(base + "/api/" + forwarded + (query == null ? "" : "?" + query));
        } catch (IllegalArgumentException e) {
            return Problems.of(400, "bad-request", "The address cannot be forwarded", "the query is not a valid URI query");
        }
        HttpRequest.Builder request = Services.request(target)
                .header("Authorization", "Bearer " + token.getToken())
                .method(method, BODILESS.contains(method) || body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : headers.getRequestHeaders().entrySet()) {
            if (REQUEST_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        return services.relay(service, request.build());
    }
}
