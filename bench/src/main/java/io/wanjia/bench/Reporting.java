package io.wanjia.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * reporting-service through its API, as officials use it: the summary's latency for a district, the city and the
 * province, and the rate of a full rebuild of the read model from the topics.
 */
final class Reporting {

    static final String SECTION = "reports";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchConfig config;
    private final Services services;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String official;
    private final String admin;

    Reporting(BenchConfig config, Services services) throws Exception {
        this.config = config;
        this.services = services;
        this.official = token("official", "21");
        this.admin = token("admin", "21");
    }

    private String token(String role, String area) throws Exception {
        return Commands.run(config, Map.of(), "./platform", "token", role, area).trim();
    }

    /** A figure of the summary's total for {@code area}; 0 while the service cannot answer. */
    long figure(String area, String key) {
        try {
            JsonNode summary = get("/api/v1/reports/summary?area=" + area, official);
            return summary.path("total").path("figures").path(key).asLong();
        } catch (IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** p50 and p99 of the summary for a district, the city and the province, {@code queries} calls each. */
    void latency(Results results, int households) throws Exception {
        for (String[] area : new String[][] {{"district", "210102"}, {"city", "2101"}, {"province", "21"}}) {
            String path = "/api/v1/reports/summary?area=" + area[1];
            for (int i = 0; i < Math.min(50, config.queries()); i++) {
                get(path, official); // warm-up: JIT and PostgreSQL's caches
            }
            double[] millis = new double[config.queries()];
            for (int i = 0; i < millis.length; i++) {
                long start = System.nanoTime();
                get(path, official);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            String how = config.queries() + " sequential GETs, " + households + " households in the read model";
            results.add(SECTION, "summary." + area[0] + ".p50", percentile(millis, 50), "ms", how);
            results.atMost(SECTION, "summary." + area[0] + ".p99", percentile(millis, 99), "ms", 20, how);
        }
    }

    /** Rebuilds the read model from the topics and reports events per second. */
    void rebuild(Results results) throws Exception {
        HttpRequest start = HttpRequest.newBuilder(URI.create(services.get("reporting-service").url("/api/v1/admin/rebuild")))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build();
        long begin = System.nanoTime();
        HttpResponse<String> accepted = http.send(start, HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("rebuild not accepted: " + accepted.statusCode() + " " + accepted.body());
        }
        long deadline = begin + Duration.ofMinutes(30).toNanos();
        JsonNode state;
        do {
            Thread.sleep(100);
            state = get("/api/v1/admin/rebuild", admin);
            if (System.nanoTime() > deadline || !state.path("rebuildError").isNull()) {
                throw new IllegalStateException("rebuild did not finish: " + state);
            }
        } while (!state.path("buildingGeneration").isNull() || state.path("rebuildFinishedAt").isNull());
        double seconds = (System.nanoTime() - begin) / 1e9;
        long events = state.path("rebuildEvents").asLong();
        results.add(SECTION, "rebuild.events", events, "events", "every record of the four topics");
        results.atLeast(SECTION, "rebuild.rate", events / seconds, "ev/s", 50_000, "POST /admin/rebuild → new generation active");
    }

    private JsonNode get(String path, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(services.get("reporting-service").url(path)))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
