package io.wanjia.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

/**
 * The four services as the console reaches them: one HTTP client, their answers passed on as they came (status, body and
 * the headers a page needs), and a service that is silent or slow answered as problem details rather than an error page.
 */
@ApplicationScoped
class Services {

    static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(Services.class);
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Content-Disposition", "ETag", "Cache-Control",
            "Retry-After");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    ConsoleConfig config;

    /** Where a service answers ({@code household}, {@code placement}, {@code deadline}, {@code reporting}); empty for any other name. */
    Optional<URI> base(String service) {
        return Optional.ofNullable(config.services().get(service));
    }

    /** A request with this console's deadline for an answer. */
    static HttpRequest.Builder request(URI target) {
        return HttpRequest.newBuilder(target).timeout(ANSWER_WITHIN);
    }

    /** Sends the request to the service and passes its answer on. */
    Response relay(String service, HttpRequest request) {
        try {
            HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Response.ResponseBuilder response = Response.status(answer.statusCode()).entity(answer.body());
            for (String name : RESPONSE_HEADERS) {
                answer.headers().firstValue(name).ifPresent(value -> response.header(name, value));
            }
            return response.build();
        } catch (HttpTimeoutException e) {
            return Problems.of(504, "service-timeout", "The service did not answer in time", service + " took longer than "
                    + ANSWER_WITHIN.toSeconds() + " s");
        } catch (IOException e) {
            return unavailable(service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(service, e);
        }
    }

    private static Response unavailable(String service, Exception e) {
        LOG.warnf("%s could not be reached: %s", service, e.getClass().getSimpleName());
        return Problems.of(502, "service-unavailable", "The service cannot be reached", service + " is not answering; try again shortly");
    }
}
