package io.wanjia.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@code ./platform bench [--quick]}: measures, in one run on this machine, the limits of Kafka and PostgreSQL,
 * then the platform's ingestion, escalation and reporting against them, and each service's start time and idle
 * memory. Prints a table as it goes and writes the figures as JSON.
 *
 * <p>Arguments: repository root, directory for the services' logs, the Kafka tools classpath, then
 * {@code --quick}, {@code --reports N}, or nothing for the full size.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchConfig config = BenchConfig.of(Path.of(args[0]), Path.of(args[1]), args[2], List.of(args).subList(3, args.length));
        Files.createDirectories(config.logs());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("run", config.runId());
        run.put("size", config.size());
        run.put("startedAt", Instant.now().toString());
        run.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "memoryMB", totalMemoryMegabytes(), "java", System.getProperty("java.version"),
                "servicesJava", Commands.run(config, Map.of(), config.root().resolve("tools/service-java").toString(), "--java").trim()));
        Results results = new Results(run);
        System.out.printf("Wanjia bench (%s): %,d reports after %,d to warm up, burst of %,d escalations; topics %s*, "
                + "databases wanjia_*_bench%n", config.size(), config.reports(), config.warmUp(), config.burst(), config.topicPrefix());
        Results.header();
        try {
            Limits.measure(config, results, recordSize());
            try (Services services = new Services(config)) {
                services.startAll();
                footprint(services, results);
                Reporting reporting = new Reporting(config, services);
                new Ingestion(config, services, reporting, results).run();
                new Escalations(config, results).run();
                reporting.latency(results, config.reports());
                reporting.rebuild(results);
            }
        } finally {
            Path file = config.root().resolve(".platform/bench/" + config.size() + "-" + config.runId() + ".json");
            results.write(file);
            System.out.println("\nFigures written to " + config.root().relativize(file));
            deleteTopics(config);
        }
    }

    private static void footprint(Services services, Results results) throws Exception {
        Thread.sleep(5_000); // let the four settle before reading idle memory
        for (String name : Services.NAMES) {
            Services.Started s = services.get(name);
            results.atMost("footprint", name + ".start", s.wallSeconds(), "s", 3,
                    "launch → /q/health/ready, alone (Quarkus says " + s.quarkusSeconds() + " s; AOT cache " + s.aotCache()
                            + ", tools/service-java)");
        }
        for (String name : Services.NAMES) {
            results.atMost("footprint", name + ".idle-rss", services.rssMegabytes(name), "MB", 256,
                    "VmRSS 5 s after start, tools/service-jvm.options");
        }
    }

    /** Bytes of a labour report on the wire: its value plus its CloudEvents headers. */
    private static int recordSize() {
        String value = Ingestion.report(Ingestion.nationalId(123_456), "210102", LocalDate.now(), 123_456);
        int headers = List.of("ce_specversion1.0", "ce_idabcdefgh-123456", "ce_typewanjia.labour.unemployment-reported.v1",
                "ce_source/bench/labour-bureau", "ce_time" + Instant.now(), "content-typeapplication/json").stream()
                .mapToInt(h -> h.getBytes(StandardCharsets.UTF_8).length).sum();
        return value.getBytes(StandardCharsets.UTF_8).length + headers + "bench-123456".length();
    }

    private static long totalMemoryMegabytes() throws Exception {
        String line = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
    }

    /** The run's topics hold a million national IDs and gigabytes: gone when the run ends. */
    private static void deleteTopics(BenchConfig config) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        try (Admin admin = Admin.create(props)) {
            List<String> ours = admin.listTopics().names().get().stream().filter(t -> t.startsWith(config.topicPrefix())).toList();
            admin.deleteTopics(ours).all().get();
        } catch (Exception e) {
            System.err.println("could not delete the bench topics " + config.topicPrefix() + "*: " + e);
        }
    }
}
