package io.wanjia.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the bench runs and how big: {@code ./platform bench} passes the repository root, the run's state
 * directory and the Kafka classpath; {@code --quick} shrinks every size.
 */
record BenchConfig(Path root, Path logs, String kafkaClasspath, boolean quick, String runId, String bootstrap,
        String dbPassword, int firstPort, int reports, int burst, int singles, int queries, int producerRecords,
        int pgbenchSeconds, String scaled, int instances) {

    /**
     * The sizes: {@code --quick} (20,000 reports, a few minutes), the full size of issue #8 (1,000,000 reports,
     * a burst of 100,000), or {@code --reports N} for the full procedure at N reports (burst N/10); {@code --burst N}
     * sets the burst alone (at most the open cases the run leaves: reports plus warm-up), so that a change to the
     * escalation engine can be judged by a quick run with a burst long enough to read.
     */
    static BenchConfig of(Path root, Path logs, String kafkaClasspath, List<String> options) {
        return scaled(burst(sized(root, logs, kafkaClasspath, options), options), options);
    }

    /**
     * {@code --instances SERVICE=N}: N instances of one service (2 to 4), in one consumer group on one database, as a
     * deployment scales it out; the capacity model's check (bench/README.md, "Capacity: a city and a province"). Not
     * reporting-service: the bench times its rebuild through one instance, and a rebuild beside a second instance that
     * goes on consuming has not been checked.
     */
    private static BenchConfig scaled(BenchConfig c, List<String> options) {
        int at = options.indexOf("--instances");
        if (at < 0) {
            return c;
        }
        String[] scale = at + 1 < options.size() ? options.get(at + 1).split("=", 2) : new String[0];
        if (scale.length != 2 || !Services.NAMES.contains(scale[0]) || scale[0].equals("reporting-service") || !scale[1].matches("[2-4]")) {
            throw new IllegalArgumentException("--instances needs household-service, placement-service or deadline-monitor and 2 to 4,"
                    + " e.g. --instances household-service=2");
        }
        return new BenchConfig(c.root(), c.logs(), c.kafkaClasspath(), c.quick(), c.runId(), c.bootstrap(), c.dbPassword(),
                c.firstPort(), c.reports(), c.burst(), c.singles(), c.queries(), c.producerRecords(), c.pgbenchSeconds(), scale[0],
                Integer.parseInt(scale[1]));
    }

    private static BenchConfig burst(BenchConfig sized, List<String> options) {
        int at = options.indexOf("--burst");
        if (at < 0) {
            return sized;
        }
        if (at + 1 >= options.size() || !options.get(at + 1).matches("\\d{1,9}")) {
            throw new IllegalArgumentException("--burst needs a number of steps, e.g. --burst 20000");
        }
        int burst = Integer.parseInt(options.get(at + 1));
        if (burst < 1 || burst + sized.singles() > sized.reports() + sized.warmUp()) {
            throw new IllegalArgumentException("--burst " + burst + ": between 1 and " + (sized.reports() + sized.warmUp()
                    - sized.singles()) + " (the open cases this size leaves, less the " + sized.singles() + " single steps)");
        }
        return new BenchConfig(sized.root(), sized.logs(), sized.kafkaClasspath(), sized.quick(), sized.runId(), sized.bootstrap(),
                sized.dbPassword(), sized.firstPort(), sized.reports(), burst, sized.singles(), sized.queries(), sized.producerRecords(),
                sized.pgbenchSeconds(), sized.scaled(), sized.instances());
    }

    private static BenchConfig sized(Path root, Path logs, String kafkaClasspath, List<String> options) {
        String runId = Long.toString(System.currentTimeMillis() / 1000, 36);
        String password = System.getenv().getOrDefault("WANJIA_DB_PASSWORD", "wanjia-local");
        if (options.contains("--quick")) {
            return new BenchConfig(root, logs, kafkaClasspath, true, runId, "127.0.0.1:9092", password, 19081,
                    20_000, 2_000, 100, 200, 500_000, 10, null, 1);
        }
        int at = options.indexOf("--reports");
        int reports = at >= 0 ? Integer.parseInt(options.get(at + 1)) : 1_000_000;
        return new BenchConfig(root, logs, kafkaClasspath, false, runId, "127.0.0.1:9092", password, 19081,
                reports, reports / 10, 300, reports == 1_000_000 ? 1_000 : 200, 5_000_000, 30, null, 1);
    }

    /** Reports sent and waited for before the measured ones (their own households): 10,000, or 1/20 of a larger run. */
    int warmUp() {
        return Math.max(10_000, quick ? 0 : reports / 20);
    }

    String size() {
        String size = quick ? "quick" : reports == 1_000_000 ? "full" : "reports-" + reports;
        return instances > 1 ? size + "-" + scaled + "-x" + instances : size;
    }

    /** Every topic of this run starts with it: a fresh set per run, apart from the platform's and the tests'. */
    String topicPrefix() {
        return "bench-" + runId + ".";
    }

    /** The port of Wanjia's own PostgreSQL cluster, which ./platform runs. */
    static final String DB_PORT = "5433";

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + DB_PORT + "/wanjia_" + database + "_bench";
    }

    String key(String file) throws IOException {
        return Files.readString(root.resolve(".platform/keys/" + file)).trim();
    }
}
