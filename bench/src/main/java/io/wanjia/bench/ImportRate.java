package io.wanjia.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Households registered per second through the ledger import API (household-service, issue #18): a CSV ledger of N
 * households of one working member each — the bulk load's shape — posted as a case worker of the province, timed from
 * the POST until the job is DONE. Beside the COPY bulk load's rate; the target is a quarter of it.
 *
 * <p>Three ledgers of 20,000 households go first, unmeasured, as the ingestion's warm-up does: the import's code (and
 * the other services' reading of registrations, which the ingestion never sends) has not run before, and its first tens
 * of thousands of households are largely the JIT compilers' work — on this machine C2 was still compiling the import's
 * and reporting-service's paths through a third 10,000-household import (session 16, JFR), and five imports of 20,000
 * one after another ran at 1,498, 2,916, 3,651, 4,154 and 4,198 households/s (session 20). The first one's rate is kept
 * beside the warm one as the cold figure: a city's first import meets the cold service.
 */
final class ImportRate {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The warm-up ledgers' size, and how many go before the measured one (the rate settles after ~60,000: above). */
    private static final int WARM_UP = 20_000;
    private static final int WARM_UP_LEDGERS = 3;
    private static final String HEADER = "户编号,区县代码,街道,社区,住址,姓名,身份证号,与户主关系,劳动能力,就业意愿,职业类别,就业状况";

    private final BenchConfig config;
    private final Services services;
    private final Results results;
    private final HttpClient http = HttpClient.newHttpClient();

    ImportRate(BenchConfig config, Services services, Results results) {
        this.config = config;
        this.services = services;
        this.results = results;
    }

    /** Imports the warm-up ledgers, then {@code n} households (numbered from {@code from}: numbers nothing else uses), measured. */
    void run(int from, int n) throws Exception {
        double warmUpSeconds = importLedger(from, WARM_UP, "warm-up import");
        results.add(Ingestion.SECTION, "register.import-cold", WARM_UP / warmUpSeconds, "hh/s", WARM_UP
                + " households, the service's first import (the warm-up: not the figure below)");
        for (int ledger = 1; ledger < WARM_UP_LEDGERS; ledger++) {
            importLedger(from + ledger * WARM_UP, WARM_UP, "warm-up import");
        }
        Map<String, Double> cpuBefore = CpuTime.snapshot(services);
        double seconds = importLedger(from + WARM_UP_LEDGERS * WARM_UP, n, "households imported");
        Map<String, Double> used = CpuTime.between(cpuBefore, CpuTime.snapshot(services));
        used.forEach((part, ms) -> results.add(Ingestion.SECTION, "register.import.cpu." + part, ms * 1000 / n, "µs/hh",
                "CPU time per household imported, from the POST until the job is DONE (readers still behind then are not counted)"));
        double rate = n / seconds;
        results.add(Ingestion.SECTION, "register.import", rate, "hh/s", n + " households of one member, POST /api/v1/imports (CSV, "
                + "VALID_ROWS) → job DONE; each through the register (events, claims, audit, decision)");
        results.atLeast(Ingestion.SECTION, "register.import ÷ bulk-load", rate / results.value("register.bulk-load"), "ratio", 0.25,
                "the import API against COPY");
    }

    /** Seconds from posting a ledger of households {@code from} to {@code from + n - 1} until its job is DONE. */
    private double importLedger(int from, int n, String what) throws Exception {
        Path ledger = config.logs().resolve("ledger-" + from + ".csv");
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (int i = from; i < from + n; i++) {
            csv.append("BENCH-").append(i).append(',').append(Ingestion.DISTRICTS[i % Ingestion.DISTRICTS.length])
                    .append(",bench street,bench community,bench address,万家").append(i).append(',').append(Ingestion.nationalId(i))
                    .append(",户主,完全,是,工人,稳定就业\r\n");
        }
        Files.writeString(ledger, csv, StandardCharsets.UTF_8);
        String caseworker = Commands.run(config, Map.of(), "./platform", "token", "caseworker", "21").trim();
        try {
            String boundary = "bench-" + System.nanoTime();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\nVALID_ROWS\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ledger.csv\"\r\nContent-Type: text/csv\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            String url = services.get("household-service").url("/api/v1/imports");
            long start = System.nanoTime();
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + caseworker).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, Files.readAllBytes(ledger), tail))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (accepted.statusCode() != 202) {
                throw new IllegalStateException("import not accepted: " + accepted.statusCode() + " " + accepted.body());
            }
            String job = url + "/" + JSON.readTree(accepted.body()).path("id").asText();
            long deadline = start + Duration.ofSeconds(120 + n / 20).toNanos();
            JsonNode state;
            while (true) {
                state = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(job)).header("Authorization", "Bearer " + caseworker)
                        .build(), HttpResponse.BodyHandlers.ofString()).body());
                String status = state.path("status").asText();
                System.out.printf("\r    %-22s %,12d / %,d", what, state.path("householdsRegistered").asLong(), n);
                if (status.equals("DONE") || status.equals("FAILED")) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("import did not finish: " + state);
                }
                Thread.sleep(200);
            }
            double seconds = Ingestion.seconds(start);
            System.out.printf("\r    %-22s %,12d / %,d in %.1f s%n", what, state.path("householdsRegistered").asLong(), n, seconds);
            long registered = state.path("householdsRegistered").asLong();
            if (!state.path("status").asText().equals("DONE") || registered != n) {
                throw new IllegalStateException("import registered " + registered + " of " + n + ": " + state);
            }
            return seconds;
        } finally {
            Files.deleteIfExists(ledger); // it holds national ID numbers
        }
    }
}
