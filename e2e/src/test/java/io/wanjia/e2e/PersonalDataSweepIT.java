package io.wanjia.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The end of the end-to-end suite (ordered last): no national ID the suite used, nor its first 14 characters (division
 * and birth date, from which a masked number is rebuilt), is in any service log, in any topic but the inbound labour
 * topic and its dead letters, or in any database but household-service's; household-service's tables hold them only sealed.
 */
@Order(Integer.MAX_VALUE)
class PersonalDataSweepIT {

    private static final String BOOTSTRAP = "127.0.0.1:9092";
    private static final String LABOUR = "labour.status-reports.v1";
    /** The inbound labour reports carry their publishers' own data, national IDs included, as do their dead letters. */
    private static final Set<String> NOT_SWEPT = Set.of(LABOUR, LABOUR + ".dlq");
    /** The topics the services publish to, swept whether or not this run wrote to them. */
    private static final List<String> EVENT_TOPICS = List.of("household.events.v1", "placement.events.v1", "escalation.events.v1",
            "household.events.v1.dlq", "placement.events.v1.dlq", "escalation.events.v1.dlq");
    /** The other services' test databases; each is read as its service's own role (the name without {@code _test}). */
    private static final List<String> DATABASES = List.of("wanjia_placement_test", "wanjia_deadline_test", "wanjia_reporting_test");
    /** 连山区, where no test but AuthorizationMatrixIT writes: the control report names a person nobody registered. */
    private static final String CONTROL_DISTRICT = "211402";
    private static final Duration TOPIC_READ_LIMIT = Duration.ofMinutes(5);
    /** A run of the characters a national ID is made of: any ID, or its first 14 characters, lies inside one. */
    private static final Pattern DIGITS = Pattern.compile("[0-9Xx]{14,}");
    /** What base64 (plain or URL-safe) of at least 12 bytes looks like: decoded and searched too. */
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{16,}={0,2}");
    private static final Pattern WELL_FORMED = Pattern.compile("\\d{17}[0-9X]");

    private static Needles needles;
    private static Set<String> sealed;

    @BeforeAll
    static void collectTheSuitesNationalIds() throws Exception {
        Platform.start();
        Set<String> issued = Households.issued();
        // The numbers household-service holds come from every test and from the demo loader (which makes its own): opened
        // here with the suite's key, they join the ones the suite's helpers issued.
        sealed = openSealedNationalIds();
        long issuedAndSealed = issued.stream().filter(sealed::contains).count();
        assertThat(issued).as("national IDs the other e2e tests used: the sweep runs after them (it is ordered last)").isNotEmpty();
        assertThat(issuedAndSealed).as("IDs the suite issued that household-service holds sealed").isPositive();

        // One report of the sweep's own on the labour topic, where an ID may be: the control the topic sweep must find.
        String control = Households.nationalId(CONTROL_DISTRICT, LocalDate.of(1979, 5, 4), true);
        Households.report("unemployment", control, CONTROL_DISTRICT, Platform.now().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate(),
                UUID.randomUUID().toString());
        Set<String> all = new TreeSet<>(issued);
        all.addAll(sealed);
        all.add(control);
        needles = new Needles(all);
        System.out.printf("pii-sweep: %d national IDs and their first 14 characters: %d issued by the suite's helpers, %d sealed in "
                + "household-service (%d of them issued), 1 control%n", all.size(), issued.size(), sealed.size(), issuedAndSealed);
    }

    @Test
    void shouldFindNoNationalIdInAnyServiceLog() throws Exception {
        Path logs = Platform.ROOT.resolve("e2e/target/services");
        List<String> hits = new ArrayList<>();
        long bytes = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(logs)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            bytes += content.length;
            needles.search(new String(content, StandardCharsets.ISO_8859_1), logs.relativize(file).toString(), hits);
        }
        System.out.printf("pii-sweep: logs       %d files under e2e/target/services, %,d bytes: %d hits%n", files.size(), bytes, hits.size());
        assertThat(files).as("service logs").hasSizeGreaterThanOrEqualTo(4);
        assertThat(hits).as("national IDs in service logs").isEmpty();
    }

    @Test
    void shouldFindNoNationalIdInAnyTopicButTheLabourReports() throws Exception {
        Set<String> topics = new TreeSet<>();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", BOOTSTRAP))) {
            Set<String> existing = admin.listTopics().names().get();
            EVENT_TOPICS.stream().filter(existing::contains).forEach(topics::add);
            // Any other topic the services wrote to while the suite ran (a record stamped after the services started).
            Map<TopicPartition, OffsetSpec> since = new HashMap<>();
            for (var description : admin.describeTopics(existing).allTopicNames().get().values()) {
                description.partitions().forEach(p -> since.put(new TopicPartition(description.name(), p.partition()),
                        OffsetSpec.forTimestamp(Platform.startedAt().toEpochMilli())));
            }
            admin.listOffsets(since).all().get().forEach((partition, found) -> {
                if (found.offset() >= 0) {
                    topics.add(partition.topic());
                }
            });
        }
        // Any deployment's labour topic (a prefixed one too, e.g. a bench's) carries IDs by design.
        topics.removeIf(topic -> NOT_SWEPT.stream().anyMatch(topic::endsWith));
        List<String> hits = new ArrayList<>();
        Map<String, Long> records = new TreeMap<>();
        List<String> controlHits = new ArrayList<>();
        long[] control = new long[2];
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka())) {
            List<TopicPartition> swept = new ArrayList<>();
            topics.forEach(t -> consumer.partitionsFor(t).forEach(p -> swept.add(new TopicPartition(t, p.partition()))));
            read(consumer, consumer.beginningOffsets(swept), record -> {
                records.merge(record.topic(), 1L, Long::sum);
                search(record, hits);
            });
            // The control: the labour reports published since the suite started (the sweep's own among them) hold their
            // IDs by design. Each must be found, or a zero above would mean nothing.
            List<TopicPartition> labour = new ArrayList<>();
            consumer.partitionsFor(LABOUR).forEach(p -> labour.add(new TopicPartition(LABOUR, p.partition())));
            Map<TopicPartition, Long> from = new HashMap<>(consumer.endOffsets(labour));
            consumer.offsetsForTimes(labour.stream().collect(Collectors.toMap(p -> p, p -> Platform.startedAt().toEpochMilli())))
                    .forEach((partition, found) -> {
                        if (found != null) {
                            from.put(partition, found.offset());
                        }
                    });
            read(consumer, from, record -> {
                Header source = record.headers().lastHeader("ce_source");
                if (source == null || !Households.LABOUR_SOURCE.equals(new String(source.value(), StandardCharsets.UTF_8))) {
                    return; // another publisher on this broker: not ours to find
                }
                int before = controlHits.size();
                search(record, controlHits);
                control[0]++;
                control[1] += controlHits.size() > before ? 1 : 0;
            });
        }
        records.forEach((topic, count) -> System.out.printf("pii-sweep: topic      %-32s %,9d records%n", topic, count));
        System.out.printf("pii-sweep: topics     %d (all but %s), %,d records from the beginning: %d hits%n", topics.size(), NOT_SWEPT,
                records.values().stream().mapToLong(Long::longValue).sum(), hits.size());
        System.out.printf("pii-sweep: control    %s since the suite started: %d records, %d with an ID found%n", LABOUR, control[0],
                control[1]);
        assertThat(topics).as("topics swept").containsAll(EVENT_TOPICS.subList(0, 3));
        assertThat(records.get("household.events.v1")).as("household events read").isPositive();
        assertThat(control[0]).as("labour reports published since the suite started, the sweep's own included").isPositive();
        assertThat(control[1]).as("labour reports in which the search finds the ID they carry").isEqualTo(control[0]);
        assertThat(hits).as("national IDs in topics").isEmpty();
    }

    /** Hands every record from {@code from} to the end (as it is now) of those partitions to {@code visitor}. */
    private static void read(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> from,
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> visitor) {
        consumer.assign(from.keySet());
        from.forEach(consumer::seek);
        Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
        Instant giveUp = Instant.now().plus(TOPIC_READ_LIMIT);
        while (from.keySet().stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            assertThat(Instant.now()).as("topics read within " + TOPIC_READ_LIMIT).isBefore(giveUp);
            consumer.poll(Duration.ofMillis(500)).forEach(visitor);
        }
    }

    private static void search(ConsumerRecord<byte[], byte[]> record, List<String> hits) {
        String where = record.topic() + "/" + record.partition() + "@" + record.offset();
        needles.search(text(record.key()), where + " key", hits);
        for (Header header : record.headers()) {
            needles.search(header.key() + "=" + text(header.value()), where + " header " + header.key(), hits);
        }
        needles.search(text(record.value()), where + " value", hits);
    }

    private static Properties kafka() {
        Properties props = new Properties();
        props.put("bootstrap.servers", BOOTSTRAP);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return props;
    }

    @Test
    void shouldFindNoNationalIdInAnyDatabaseButHouseholdServices() throws Exception {
        List<String> hits = new ArrayList<>();
        for (String database : DATABASES) {
            sweep(database, hits);
        }
        assertThat(hits).as("national IDs in the other services' databases").isEmpty();
    }

    @Test
    void shouldHoldNationalIdsInHouseholdServiceOnlySealed() throws Exception {
        List<String> hits = new ArrayList<>();
        sweep("wanjia_household_test", hits);
        assertThat(sealed).as("national IDs sealed in member and unmatched_report").isNotEmpty();
        assertThat(hits).as("national IDs in clear in household-service's database").isEmpty();
    }

    /** Every column of every table of {@code database}: as text, bytea decoded, base64 within either decoded too. */
    private static void sweep(String database, List<String> hits) throws Exception {
        int tables = 0;
        long rows = 0, values = 0;
        int before = hits.size();
        try (Connection db = connect(database)) {
            db.setAutoCommit(false);
            List<String> names = new ArrayList<>();
            try (Statement list = db.createStatement(); ResultSet found = list.executeQuery("""
                    SELECT table_schema, table_name FROM information_schema.tables
                    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
                    ORDER BY 1, 2""")) {
                while (found.next()) {
                    names.add('"' + found.getString(1) + "\".\"" + found.getString(2) + '"');
                }
            }
            for (String table : names) {
                tables++;
                try (Statement select = db.createStatement()) {
                    select.setFetchSize(1000);
                    try (ResultSet row = select.executeQuery("SELECT * FROM " + table)) {
                        ResultSetMetaData columns = row.getMetaData();
                        while (row.next()) {
                            rows++;
                            for (int c = 1; c <= columns.getColumnCount(); c++) {
                                String value = columns.getColumnType(c) == Types.BINARY ? text(row.getBytes(c)) : row.getString(c);
                                if (value != null) {
                                    values++;
                                    needles.search(value, database + " " + table + "." + columns.getColumnName(c), hits);
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("pii-sweep: database   %-22s %3d tables, %,8d rows, %,9d values: %d hits%n", database, tables, rows, values,
                hits.size() - before);
        assertThat(rows).as("rows in " + database).isPositive();
    }

    /**
     * The national IDs in household-service's {@code member} and {@code unmatched_report}, opened with the suite's key
     * ({@code .platform/keys}, key id {@code k1}, AES-256-GCM: {@code iv (12) || ciphertext || tag}, as the service seals
     * them); each must open to a well-formed number, which is what "held only sealed" means beside finding none in clear.
     */
    private static Set<String> openSealedNationalIds() throws Exception {
        byte[] key = Base64.getDecoder().decode(Files.readString(Platform.ROOT.resolve(".platform/keys/national-id-encryption.key")).trim());
        Set<String> opened = new HashSet<>();
        try (Connection db = connect("wanjia_household_test"); Statement select = db.createStatement()) {
            for (String table : List.of("member", "unmatched_report")) {
                try (ResultSet row = select.executeQuery("SELECT national_id_key, national_id_cipher FROM " + table)) {
                    while (row.next()) {
                        assertThat(row.getString(1)).as("the key that sealed a row of " + table + " (the suite runs on k1)").isEqualTo("k1");
                        String id = open(key, row.getBytes(2));
                        assertThat(WELL_FORMED.matcher(id).matches()).as("a sealed value of " + table + " opens to a national ID").isTrue();
                        opened.add(id);
                    }
                }
            }
        }
        return opened;
    }

    private static String open(byte[] key, byte[] sealed) throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
        return new String(gcm.doFinal(sealed, 12, sealed.length - 12), StandardCharsets.UTF_8);
    }

    /** A JDBC connection as the service's own role, with the password ./platform gave every role. */
    private static Connection connect(String database) throws Exception {
        return DriverManager.getConnection(Platform.jdbcUrl(database), database.replace("_test", ""),
                System.getenv().getOrDefault("WANJIA_DB_PASSWORD", "wanjia-local"));
    }

    /** Bytes as text, one character per byte: the digits of an ID stay themselves whatever the encoding around them. */
    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The IDs to look for and their first 14 characters, found by the runs of ID characters in a text. */
    static final class Needles {

        private final Set<String> ids = new HashSet<>();
        private final Set<String> prefixes = new HashSet<>();
        private final List<String> ordered;

        Needles(Set<String> nationalIds) {
            nationalIds.forEach(id -> {
                ids.add(id.toUpperCase());
                prefixes.add(id.substring(0, 14));
            });
            ordered = new ArrayList<>(new TreeSet<>(ids));
        }

        /** Adds to {@code hits} each ID (or first 14 characters) in {@code text}, or in base64 within it, naming {@code where}. */
        void search(String text, String where, List<String> hits) {
            searchPlain(text, where, hits);
            Matcher encoded = BASE64.matcher(text);
            while (encoded.find()) {
                byte[] decoded = decode(encoded.group());
                if (decoded != null) {
                    searchPlain(text(decoded), where + " (base64)", hits);
                }
            }
        }

        private void searchPlain(String text, String where, List<String> hits) {
            Matcher run = DIGITS.matcher(text);
            while (run.find()) {
                String digits = run.group().toUpperCase();
                for (int i = 0; i + 14 <= digits.length(); i++) {
                    String full = i + 18 <= digits.length() ? digits.substring(i, i + 18) : "";
                    String prefix = digits.substring(i, i + 14);
                    if (ids.contains(full)) {
                        hits.add(where + ": " + masked(full) + " in full");
                        i += 17;
                    } else if (prefixes.contains(prefix)) {
                        hits.add(where + ": the first 14 characters (division and birth date) of " + ordered.stream()
                                .filter(id -> id.startsWith(prefix)).map(this::masked).collect(Collectors.joining(", ")));
                    }
                }
            }
        }

        /** The division and stars, as the register shows it, and the ID's place in this run's sorted list to tell them apart. */
        private String masked(String id) {
            return id.substring(0, 6) + "*".repeat(12) + " (#" + ordered.indexOf(id) + " of " + ordered.size() + ")";
        }

        private static byte[] decode(String token) {
            String unpadded = token.replace("=", "");
            try {
                // Padding is optional to both decoders; a token holding both alphabets' characters is not base64.
                return unpadded.indexOf('-') >= 0 || unpadded.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(unpadded)
                        : Base64.getDecoder().decode(unpadded);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
