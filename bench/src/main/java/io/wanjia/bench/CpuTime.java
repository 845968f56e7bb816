package io.wanjia.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time (user + system) used so far by each part of the platform on this machine, from {@code /proc}: the four
 * services, PostgreSQL (every {@code postgres} process), the Kafka broker and the bench itself. The difference of
 * two snapshots says where a phase's CPU went.
 */
final class CpuTime {

    /** Linux reports CPU time in clock ticks of 1/100 s on every architecture this runs on. */
    private static final double MS_PER_TICK = 10;

    private CpuTime() {
    }

    /** Milliseconds of CPU used so far, by part. */
    static Map<String, Double> snapshot(Services services) throws IOException {
        Map<String, Double> ms = new LinkedHashMap<>();
        for (Map.Entry<String, Services.Started> service : services.all().entrySet()) {
            ms.put(service.getKey(), ticks(service.getValue().process().pid()) * MS_PER_TICK);
        }
        double postgres = 0;
        double kafka = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                long pid = Long.parseLong(process.getFileName().toString());
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        postgres += ticks(stat) * MS_PER_TICK;
                    } else if (stat.contains("(java)") && Files.readString(process.resolve("cmdline")).contains("kafka.Kafka")) {
                        kafka += ticks(pid) * MS_PER_TICK;
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        }
        ms.put("postgresql", postgres);
        ms.put("kafka", kafka);
        ms.put("bench", ticks(ProcessHandle.current().pid()) * MS_PER_TICK);
        return ms;
    }

    /** A PostgreSQL backend process: the database it serves and the milliseconds of CPU it had used. */
    record Backend(String database, double ms) {
    }

    /**
     * Each PostgreSQL backend serving one of the run's databases for a service, by process and start (a pid may be
     * reused by a later backend): {@code pg_stat_activity} names the database of each. The bench's own connections
     * ({@link Ingestion#APPLICATION_NAME}: its progress counts) are left out. The services' pools keep their connections,
     * so the difference of two of these says which database PostgreSQL worked for.
     */
    static Map<String, Backend> postgresBackends(Connection connection) throws SQLException {
        Map<String, Backend> backends = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT pid, backend_start, datname FROM pg_stat_activity
                WHERE datname LIKE 'wanjia\\_%\\_bench' AND application_name IS DISTINCT FROM ?""")) {
            query.setString(1, Ingestion.APPLICATION_NAME);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    try {
                        backends.put(rows.getLong(1) + "@" + rows.getString(2),
                                new Backend(rows.getString(3), ticks(rows.getLong(1)) * MS_PER_TICK));
                    } catch (IOException | RuntimeException gone) {
                        // the backend ended while we looked
                    }
                }
            }
        }
        return backends;
    }

    /**
     * What PostgreSQL used for each database between two {@link #postgresBackends} snapshots, in ms: backends alive at
     * the second, less what each had used at the first (one that ended in between is not counted: the total of
     * {@link #snapshot} has it, with the server's own processes, the WAL writer and the checkpointer, and the bench's).
     */
    static Map<String, Double> postgresBetween(Map<String, Backend> before, Map<String, Backend> after) {
        Map<String, Double> used = new TreeMap<>();
        after.forEach((backend, now) -> {
            Backend earlier = before.get(backend);
            used.merge(now.database().replaceAll("^wanjia_|_bench$", ""), now.ms() - (earlier == null ? 0 : earlier.ms()), Double::sum);
        });
        return used;
    }

    /** What each part used between two snapshots, in ms. */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((part, ms) -> used.put(part, ms - before.getOrDefault(part, 0.0)));
        return used;
    }

    private static long ticks(long pid) throws IOException {
        return ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
    }

    /** utime + stime: fields 14 and 15, counted after the command name (which may hold spaces) ends with ')'. */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
