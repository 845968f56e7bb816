package io.wanjia.bench;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;

import io.wanjia.contracts.EventType;
import io.wanjia.contracts.Topics;

/**
 * Ingestion end to end: N households of one working member each are in the register (bulk-loaded, as a city
 * migrating from spreadsheets would); N unemployment reports arrive on the labour topic at once. Done when
 * household-service has decided every household, deadline-monitor has a case open for each, and the reporting
 * summary for the province counts N zero-employment households and N labour reports.
 *
 * <p>Before that, a warm-up: W more households' reports go the same way and are waited for, unmeasured, so that the
 * measured reports meet compiled code (the JIT compilers took most of a quick run's CPU when it started cold).
 */
final class Ingestion {

    static final String SECTION = "ingestion";
    /** What the bench's own database connections call themselves: the split of PostgreSQL's CPU leaves them out. */
    static final String APPLICATION_NAME = "wanjia-bench";
    /** The five central districts of Shenyang the households spread over. */
    static final String[] DISTRICTS = {"210102", "210103", "210104", "210105", "210106"};
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final BenchConfig config;
    private final Services services;
    private final Reporting reporting;
    private final Results results;

    Ingestion(BenchConfig config, Services services, Reporting reporting, Results results) {
        this.config = config;
        this.services = services;
        this.reporting = reporting;
        this.results = results;
    }

    /** A labour report's value, for sizing the Kafka limit run like the real records. */
    static String report(String nationalId, String district, LocalDate occurredOn, int i) {
        return "{\"nationalId\":\"" + nationalId + "\",\"districtCode\":\"" + district + "\",\"occurredOn\":\"" + occurredOn
                + "\",\"reason\":\"LAYOFF\",\"sourceRef\":\"bench-" + i + "\"}";
    }

    /** A valid 18-character national ID (GB 11643, MOD 11-2 check character), unique per {@code i}. */
    static String nationalId(int i) {
        String body = DISTRICTS[i % DISTRICTS.length] + birth(i).toString().replace("-", "")
                + String.format("%03d", (i / 7300) % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int d = 0; d < 17; d++) {
            sum += (body.charAt(d) - '0') * weights[d];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    /** Ages 26 to 46: of working age under every retirement rule, women included. */
    static LocalDate birth(int i) {
        return LocalDate.of(1980, 1, 1).plusDays(i % 7300);
    }

    void run() throws Exception {
        int n = config.reports();
        int w = config.warmUp();
        long loadStart = System.nanoTime();
        loadRegister(w + n);
        results.add(SECTION, "register.bulk-load", (w + n) / seconds(loadStart), "hh/s",
                (w + n) + " households with one working member each, COPY into household-service's tables");

        LocalDate occurredOn = LocalDate.now(ZONE).minusDays(1);
        try (Connection household = connect("household"); Connection deadline = connect("deadline")) {
            long warmUpStart = System.nanoTime();
            publishReports(0, w, occurredOn);
            double warmUp = allThree(warmUpStart, household, deadline, w, w);
            results.add(SECTION, "warm-up", warmUp, "s", w + " reports before the measured ones, not counted in what follows");

            Map<String, Double> cpuBefore = CpuTime.snapshot(services);
            Map<String, CpuTime.Backend> backendsBefore = CpuTime.postgresBackends(household);
            DatabaseWork writtenBefore = DatabaseWork.snapshot(config);
            long start = System.nanoTime();
            publishReports(w, w + n, occurredOn);
            results.add(SECTION, "reports.published", n / seconds(start), "rec/s", "the bench's own producer (acks=all)");
            Duration limit = Duration.ofSeconds(120 + n / 200);
            // Counting a million rows takes PostgreSQL 100–300 ms: looking every 200 ms at full size would keep one of
            // the two cores busy with the bench's own queries (it did in the first full run). 2 s at 1,000,000.
            Duration every = Duration.ofMillis(Math.max(200, n / 500));
            double decided = await(start, limit, "household decisions",
                    () -> count(household, "SELECT count(*) FROM household WHERE status = 'ZERO_EMPLOYMENT'"), w + n, every);
            double cases = await(start, limit, "open cases",
                    () -> count(deadline, "SELECT count(*) FROM assistance_case WHERE status = 'OPEN'"), w + n, every);
            double reported = await(start, limit, "report counts", () -> Math.min(
                    reporting.figure("21", "zeroEmploymentNow"), reporting.figure("21", "labourReports")), w + n, every);
            results.add(SECTION, "households-decided", decided, "s", "first report sent → every household ZERO_EMPLOYMENT");
            results.add(SECTION, "cases-open", cases, "s", "→ every case open in deadline-monitor");
            results.add(SECTION, "reports-counted", reported, "s", "→ province summary counts N households and N reports");
            double total = Math.max(decided, Math.max(cases, reported));
            double rate = n / total;
            results.atLeast(SECTION, "end-to-end", rate, "rep/s", 5_000, n + " reports / time until all three hold");
            results.add(SECTION, "end-to-end ÷ kafka limit", rate / results.value("kafka.producer-performance"), "ratio", "");
            results.add(SECTION, "end-to-end ÷ pgbench", rate / results.value("pgbench.single-row-inserts"), "ratio", "");
            Map<String, Double> used = CpuTime.between(cpuBefore, CpuTime.snapshot(services));
            Map<String, Double> byDatabase = CpuTime.postgresBetween(backendsBefore, CpuTime.postgresBackends(household));
            DatabaseWork written = DatabaseWork.snapshot(config).since(writtenBefore);
            double all = used.values().stream().mapToDouble(Double::doubleValue).sum();
            used.forEach((part, ms) -> results.add(SECTION, "cpu." + part, ms * 1000 / n, "µs/rep",
                    String.format("CPU time per report, %.0f%% of the %.0f s used by everything", 100 * ms / all, all / 1000)));
            byDatabase.forEach((database, ms) -> results.add(SECTION, "cpu.postgresql." + database, ms * 1000 / n, "µs/rep",
                    "of cpu.postgresql: its backends serving this database for the services (since session 22; the server's own processes and the bench's progress counts not counted)"));
            results.add(SECTION, "cpu.machine-busy", all / 1000 / total / Runtime.getRuntime().availableProcessors(), "ratio",
                    "CPU used by the platform ÷ (cores × elapsed): 1 means every core was busy");
            results.add(SECTION, "db.row-writes", (double) written.rowWrites() / n, "rows/rep",
                    "rows inserted, updated or deleted per report in the four databases (pg_stat_user_tables)");
            results.add(SECTION, "db.wal", (double) written.walBytes() / n, "B/rep",
                    "WAL PostgreSQL wrote per report: every row and index write, vacuum's included");
            ExactlyOnce.check(config, household, deadline, reporting, results, w + n);
        }
        // After the figures above, so they stay comparable with earlier runs: the import's households are in stable work
        // and open no case.
        new ImportRate(config, services, results).run(w + n, 20_000);
    }

    /** Seconds from {@code start} until household-service, deadline-monitor and reporting-service all hold {@code target}. */
    private double allThree(long start, Connection household, Connection deadline, int n, long target) throws InterruptedException {
        Duration limit = Duration.ofSeconds(120 + n / 200);
        double decided = await(start, limit, "warm-up decisions",
                () -> count(household, "SELECT count(*) FROM household WHERE status = 'ZERO_EMPLOYMENT'"), target);
        double cases = await(start, limit, "warm-up cases",
                () -> count(deadline, "SELECT count(*) FROM assistance_case WHERE status = 'OPEN'"), target);
        double reported = await(start, limit, "warm-up counts", () -> Math.min(
                reporting.figure("21", "zeroEmploymentNow"), reporting.figure("21", "labourReports")), target);
        return Math.max(decided, Math.max(cases, reported));
    }

    private void loadRegister(int n) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(java.util.Base64.getDecoder().decode(config.key("national-id-hash.key")), "HmacSHA256"));
        LocalDate today = LocalDate.now(ZONE);
        try (Connection c = connect("household")) {
            c.setAutoCommit(false);
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            int chunk = 50_000;
            for (int from = 0; from < n; from += chunk) {
                StringBuilder households = new StringBuilder();
                StringBuilder members = new StringBuilder();
                for (int i = from; i < Math.min(n, from + chunk); i++) {
                    UUID household = new UUID(0x5EED_0000_0000_0000L | config.runId().hashCode(), i);
                    String id = nationalId(i);
                    String hash = HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.US_ASCII)));
                    LocalDate birth = birth(i);
                    households.append(household).append('\t').append(DISTRICTS[i % DISTRICTS.length])
                            .append("\tbench street\tbench community\tbench address\tSTANDARD\tNOT_ZERO_EMPLOYMENT\t")
                            .append(today.minusDays(30)).append('\n');
                    members.append(UUID.randomUUID()).append('\t').append(household).append("\t\\\\x00\tk1\t").append(hash).append("\tk1")
                            .append('\t').append(id, 0, 6).append("************").append("\t万家").append(i)
                            .append("\tHEAD\t").append(birth).append('\t').append(i % 2 == 0 ? "MALE" : "FEMALE")
                            .append("\tFULL\ttrue\tWORKER\tEMPLOYED_STABLE\t").append(today.minusDays(365)).append('\t')
                            .append(birth.plusYears(16)).append('\t').append(birth.plusYears(60)).append("\tt\n");
                }
                copy.copyIn("COPY household (id, district_code, street, community, address, cohort, status, registered_on) "
                        + "FROM STDIN", new StringReader(households.toString()));
                // The services run with the local keys as key k1 (household-service README, "National-ID keys and ciphers").
                // The register stands as it would once its identity claims are out (claim_published): left false, the
                // claims pass would publish a claim per member during the ingestion this section measures.
                copy.copyIn("COPY member (id, household_id, national_id_cipher, national_id_key, national_id_hash, national_id_hash_key, "
                        + "national_id_masked, name, "
                        + "relation, birth_date, gender, labour_capacity, willing_to_work, occupation_category, status, "
                        + "status_since, working_age_from, retirement_on, claim_published) FROM STDIN", new StringReader(members.toString()));
            }
            c.commit();
            // This machine's PostgreSQL runs with autovacuum off (conf.d/90-ci.conf), so nothing would ever gather
            // statistics: without them the planner reads 1,000 hashes as "the whole table" and the labour-report
            // consumer scanned all members once per batch (seen at 1,000,000: 1,038 scans, PostgreSQL 60% of the CPU).
            // A bulk load is followed by ANALYZE, as after any COPY.
            try (var analyze = c.createStatement()) {
                analyze.execute("ANALYZE household");
                analyze.execute("ANALYZE member");
            }
            c.commit();
        }
    }

    /** Publishes the reports of households {@code from} to {@code to - 1}. */
    private void publishReports(int from, int to, LocalDate occurredOn) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        String topic = config.topicPrefix() + Topics.LABOUR_STATUS_REPORTS;
        String type = EventType.UNEMPLOYMENT_REPORTED.type();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = from; i < to; i++) {
                String district = DISTRICTS[i % DISTRICTS.length];
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, "bench-" + i,
                        report(nationalId(i), district, occurredOn, i));
                header(record, "ce_specversion", "1.0");
                header(record, "ce_id", config.runId() + "-" + i);
                header(record, "ce_type", type);
                header(record, "ce_source", "/bench/labour-bureau");
                header(record, "ce_time", Instant.now().toString());
                header(record, "content-type", "application/json");
                producer.send(record);
            }
            producer.flush();
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Seconds from {@code start} until {@code value} reaches {@code target}, looking every 200 ms; fails after {@code limit}. */
    static double await(long start, Duration limit, String what, LongSupplier value, long target) throws InterruptedException {
        return await(start, limit, what, value, target, Duration.ofMillis(200));
    }

    /** As {@link #await(long, Duration, String, LongSupplier, long)}, looking every {@code every}. */
    static double await(long start, Duration limit, String what, LongSupplier value, long target, Duration every)
            throws InterruptedException {
        long deadline = start + limit.toNanos();
        long last = -1;
        while (true) {
            long now = value.getAsLong();
            if (now >= target) {
                double seconds = seconds(start);
                System.out.printf("\r    %-22s %,12d / %,d in %.1f s%n", what, now, target, seconds);
                return seconds;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": " + now + " of " + target + " after " + limit.toSeconds() + " s");
            }
            if (now != last) {
                System.out.printf("\r    %-22s %,12d / %,d", what, now, target);
                last = now;
            }
            Thread.sleep(every.toMillis());
        }
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    Connection connect(String database) throws java.sql.SQLException {
        return connect(config, database);
    }

    static Connection connect(BenchConfig config, String database) throws java.sql.SQLException {
        Properties props = new Properties();
        props.put("user", "wanjia_" + database);
        props.put("password", config.dbPassword());
        props.put("ApplicationName", APPLICATION_NAME);
        return DriverManager.getConnection(config.jdbcUrl(database), props);
    }

    static long count(Connection c, String sql) {
        try (var s = c.createStatement(); var rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
