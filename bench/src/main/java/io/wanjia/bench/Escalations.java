package io.wanjia.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.wanjia.contracts.EventType;
import io.wanjia.contracts.Topics;

/**
 * Escalations against the open cases ingestion left behind: a burst of steps due at the same moment (time until
 * every escalation event is on the topic), single steps due at scattered moments (lateness of each event), and
 * the same burst in db-scheduler on the same PostgreSQL, the peer a city's IT department would otherwise pick.
 */
final class Escalations {

    static final String SECTION = "escalations";
    /** db-scheduler's settings: its default thread count, lock-and-fetch polling, a short polling interval. */
    static final int PEER_THREADS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchConfig config;
    private final Results results;

    Escalations(BenchConfig config, Results results) {
        this.config = config;
        this.results = results;
    }

    void run() throws Exception {
        try (Watch watch = new Watch(config); Connection deadline = Ingestion.connect(config, "deadline")) {
            int burst = config.burst();
            Instant due = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
            moveFirstPendingStep(deadline, burst, due);
            Ingestion.await(System.nanoTime(), Duration.ofSeconds(60 + burst / 200), "escalations", () -> watch.count(due), burst);
            double seconds = Duration.between(due, watch.last(due)).toMillis() / 1000.0;
            results.add(SECTION, "burst.size", burst, "steps", "due at the same moment, among " + openCases(deadline) + " open cases");
            results.add(SECTION, "burst.time", seconds, "s", "due moment → last escalation event on the topic");
            double rate = burst / seconds;
            results.add(SECTION, "burst.rate", rate, "esc/s", "steps fired, events relayed to Kafka");

            int singles = config.singles();
            long spreadMillis = 60_000;
            List<Instant> dues = scatter(deadline, burst, singles, spreadMillis);
            Ingestion.await(System.nanoTime(), Duration.ofSeconds(180), "single escalations",
                    () -> dues.stream().distinct().mapToLong(watch::count).sum(), singles);
            double[] lateness = dues.stream().distinct().flatMap(d -> watch.lateness(d).stream())
                    .mapToDouble(Double::doubleValue).sorted().toArray();
            String how = singles + " steps due at random moments over " + spreadMillis / 1000 + " s; event timestamp − due";
            results.add(SECTION, "lateness.p50", Reporting.percentile(lateness, 50), "ms", how);
            results.atMost(SECTION, "lateness.p99", Reporting.percentile(lateness, 99), "ms", 1000, how);

            double peer = dbScheduler(burst);
            results.add(SECTION, "db-scheduler.burst.rate", peer, "exec/s", "same burst, " + PEER_THREADS
                    + " threads, lock-and-fetch, polling 500 ms; each execution inserts one row");
            results.atLeast(SECTION, "burst.rate ÷ db-scheduler", rate / peer, "ratio", 2, "");
        }
    }

    private static long openCases(Connection deadline) {
        return Ingestion.count(deadline, "SELECT count(*) FROM assistance_case WHERE status = 'OPEN'");
    }

    /** Makes the first pending step of the first {@code count} open cases (by id) due at {@code due}. */
    private static void moveFirstPendingStep(Connection c, int count, Instant due) throws Exception {
        try (PreparedStatement move = c.prepareStatement("""
                UPDATE case_step s SET due_at = ? FROM (
                    SELECT DISTINCT ON (case_id) id FROM case_step WHERE state = 'PENDING'
                    AND case_id IN (SELECT id FROM assistance_case WHERE status = 'OPEN' ORDER BY id LIMIT ?) ORDER BY case_id, seq) f
                WHERE s.id = f.id""")) {
            move.setTimestamp(1, Timestamp.from(due));
            move.setInt(2, count);
            move.executeUpdate();
        }
    }

    /**
     * Makes the first pending step of {@code count} other open cases due at random moments over {@code spreadMillis},
     * starting 10 s after one statement has moved them all (the engine looks at least every 5 s).
     */
    private static List<Instant> scatter(Connection c, int skip, int count, long spreadMillis) throws Exception {
        List<String> cases = new ArrayList<>();
        try (var s = c.createStatement(); var rows = s.executeQuery(
                "SELECT id FROM assistance_case WHERE status = 'OPEN' ORDER BY id OFFSET " + skip + " LIMIT " + count)) {
            while (rows.next()) {
                cases.add(rows.getString(1));
            }
        }
        Instant first = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
        List<Instant> dues = new ArrayList<>();
        StringBuilder values = new StringBuilder();
        for (String id : cases) {
            Instant due = first.plusMillis(Math.round(Math.random() * spreadMillis));
            dues.add(due);
            values.append(values.isEmpty() ? "" : ",").append("('").append(id).append("'::uuid, '").append(due)
                    .append("'::timestamptz)");
        }
        try (var s = c.createStatement()) {
            s.executeUpdate("""
                    WITH v (case_id, due) AS (VALUES %s),
                    f AS (SELECT DISTINCT ON (case_id) id, case_id FROM case_step
                          WHERE state = 'PENDING' AND case_id IN (SELECT case_id FROM v) ORDER BY case_id, seq)
                    UPDATE case_step s SET due_at = v.due FROM v, f WHERE f.case_id = v.case_id AND s.id = f.id"""
                    .formatted(values));
        }
        return dues;
    }

    /** The same burst in db-scheduler: seconds from the due moment until every execution ran; executions/s. */
    private double dbScheduler(int burst) throws Exception {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(config.jdbcUrl("peers"));
        pool.setUsername("wanjia_deadline");
        pool.setPassword(config.dbPassword());
        pool.setMaximumPoolSize(PEER_THREADS + 2);
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS scheduled_tasks, fired");
                s.execute("""
                        CREATE TABLE scheduled_tasks (task_name TEXT NOT NULL, task_instance TEXT NOT NULL, task_data BYTEA,
                            execution_time TIMESTAMPTZ NOT NULL, picked BOOLEAN NOT NULL, picked_by TEXT,
                            last_success TIMESTAMPTZ, last_failure TIMESTAMPTZ, consecutive_failures INT,
                            last_heartbeat TIMESTAMPTZ, version BIGINT NOT NULL, priority SMALLINT,
                            PRIMARY KEY (task_name, task_instance))""");
                s.execute("CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)");
                s.execute("CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)");
                s.execute("CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)");
                s.execute("CREATE TABLE fired (instance TEXT PRIMARY KEY, fired_at TIMESTAMPTZ NOT NULL)");
            }
            Instant due = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
            try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
                    SELECT 'escalate', 'step-' || g, ?, false, 1, 0 FROM generate_series(1, ?) g""")) {
                insert.setTimestamp(1, Timestamp.from(due));
                insert.setInt(2, burst);
                insert.executeUpdate();
            }
            OneTimeTask<Void> escalate = Tasks.oneTime("escalate").execute((instance, context) -> {
                try (Connection c = dataSource.getConnection();
                        PreparedStatement fired = c.prepareStatement("INSERT INTO fired VALUES (?, now())")) {
                    fired.setString(1, instance.getId());
                    fired.executeUpdate();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Scheduler scheduler = Scheduler.create(dataSource, escalate).threads(PEER_THREADS)
                    .pollUsingLockAndFetch(0.5, 3.0).pollingInterval(Duration.ofMillis(500)).build();
            scheduler.start();
            try (Connection c = dataSource.getConnection()) {
                Ingestion.await(System.nanoTime(), Duration.ofSeconds(60 + burst / 50), "db-scheduler executions",
                        () -> Ingestion.count(c, "SELECT count(*) FROM fired"), burst);
                try (var s = c.createStatement(); var rows = s.executeQuery("SELECT max(fired_at) FROM fired")) {
                    rows.next();
                    return burst / (Duration.between(due, rows.getTimestamp(1).toInstant()).toMillis() / 1000.0);
                }
            } finally {
                scheduler.stop();
            }
        }
    }

    /** Reads the escalation topic from now on, remembering each escalation's due moment and event time. */
    static final class Watch implements AutoCloseable {

        private final Map<Instant, List<Long>> eventTimes = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread reader;

        Watch(BenchConfig config) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
            String topic = config.topicPrefix() + Topics.ESCALATION_EVENTS;
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            String escalated = EventType.CASE_ESCALATED.type();
            reader = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                            var type = r.headers().lastHeader("ce_type");
                            if (type != null && escalated.equals(new String(type.value()))) {
                                Instant due = Instant.parse(read(r.value()).path("dueAt").asText());
                                eventTimes.computeIfAbsent(due, d -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                        .add(r.timestamp());
                            }
                        }
                    }
                }
            }, "escalation-watch");
            reader.start();
        }

        long count(Instant due) {
            return eventTimes.getOrDefault(due, List.of()).size();
        }

        Instant last(Instant due) {
            return Instant.ofEpochMilli(eventTimes.get(due).stream().mapToLong(Long::longValue).max().orElseThrow());
        }

        List<Double> lateness(Instant due) {
            return eventTimes.getOrDefault(due, List.of()).stream().map(t -> (double) (t - due.toEpochMilli())).toList();
        }

        private static JsonNode read(String value) {
            try {
                return JSON.readTree(value);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            reader.join();
        }
    }
}
