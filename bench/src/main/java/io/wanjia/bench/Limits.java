package io.wanjia.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine's own limits, measured in the same run as the platform: Kafka's ProducerPerformance with records
 * the size of a labour report (acks=all), and pgbench committing single-row inserts on the same PostgreSQL.
 */
final class Limits {

    static final String SECTION = "limits";
    /** pgbench: clients and threads (2 cores). */
    static final int PGBENCH_CLIENTS = 8;
    static final int PGBENCH_THREADS = 2;

    private Limits() {
    }

    static void measure(BenchConfig config, Results results, int recordSize) throws Exception {
        String topic = config.topicPrefix() + "limit";
        String kafka = Commands.run(config, Map.of(), "java", "-Xmx512m", "-cp", config.kafkaClasspath(),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
                "--num-records", String.valueOf(config.producerRecords()), "--record-size", String.valueOf(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + config.bootstrap(), "acks=all",
                "linger.ms=5", "batch.size=262144");
        Matcher rate = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\)").matcher(lastLine(kafka));
        if (!rate.find()) {
            throw new IllegalStateException("unexpected ProducerPerformance output: " + kafka);
        }
        results.add(SECTION, "kafka.producer-performance", Double.parseDouble(rate.group(2)), "rec/s",
                config.producerRecords() + " records of " + recordSize + " B, acks=all, 6 partitions");

        Path script = Files.createTempFile("wanjia-pgbench", ".sql");
        Files.writeString(script, """
                \\set n random(1, 1000000000)
                INSERT INTO single_row (n, payload) VALUES (:n, repeat('x', 200));
                """);
        Commands.run(config, Map.of("PGPASSWORD", config.dbPassword()), "psql", "-q", "-h", "127.0.0.1", "-p", BenchConfig.DB_PORT, "-U", "wanjia_deadline",
                "-d", "wanjia_peers_bench", "-c", "DROP TABLE IF EXISTS single_row; CREATE TABLE single_row "
                        + "(id BIGSERIAL PRIMARY KEY, n BIGINT NOT NULL, payload TEXT NOT NULL)");
        String pgbench = Commands.run(config, Map.of("PGPASSWORD", config.dbPassword()), "pgbench", "-n", "-h", "127.0.0.1", "-p", BenchConfig.DB_PORT,
                "-U", "wanjia_deadline", "-c", String.valueOf(PGBENCH_CLIENTS), "-j", String.valueOf(PGBENCH_THREADS),
                "-T", String.valueOf(config.pgbenchSeconds()), "-f", script.toString(), "wanjia_peers_bench");
        Matcher tps = Pattern.compile("tps = ([\\d.]+)").matcher(pgbench);
        if (!tps.find()) {
            throw new IllegalStateException("unexpected pgbench output: " + pgbench);
        }
        results.add(SECTION, "pgbench.single-row-inserts", Double.parseDouble(tps.group(1)), "tx/s",
                PGBENCH_CLIENTS + " clients, one INSERT per transaction, " + config.pgbenchSeconds() + " s");
        Files.delete(script);
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().filter(l -> l.contains("records sent")).toList();
        return lines.isEmpty() ? output : lines.get(lines.size() - 1);
    }
}
