package io.wanjia.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.wanjia.contracts.EventType;
import io.wanjia.contracts.Topics;

/**
 * Whether the ingestion's effects happened once each, not only at least once (the waits before it count up to N): every
 * household of the run decided, one case for each, the province summary's counts exact, and on the household events
 * topic each household's {@code zero-employment-started} once (by event id: the relay may send an event twice, which its
 * readers drop) and after its {@code member-changed}. With {@code --instances} this is the capacity model's check that a
 * service scaled out in one consumer group keeps the counts and each household's order (bench/README.md). A run that
 * breaks it fails, as an import that registers too few does.
 */
final class ExactlyOnce {

    private static final String STARTED = EventType.ZERO_EMPLOYMENT_STARTED.type();
    private static final String MEMBER_CHANGED = EventType.MEMBER_CHANGED.type();

    private ExactlyOnce() {
    }

    static void check(BenchConfig config, Connection household, Connection deadline, Reporting reporting, Results results,
            long households) throws Exception {
        long decided = Ingestion.count(household, "SELECT count(*) FROM household WHERE status = 'ZERO_EMPLOYMENT'");
        long cases = Ingestion.count(deadline, "SELECT count(*) FROM assistance_case");
        long casedHouseholds = Ingestion.count(deadline, "SELECT count(DISTINCT household_id) FROM assistance_case");
        long counted = reporting.figure("21", "zeroEmploymentNow");
        long reports = reporting.figure("21", "labourReports");
        Map<String, Household> byHousehold = byHousehold(config, households);
        long startedOnce = byHousehold.values().stream().filter(h -> h.starts == 1).count();
        long doubledStarts = byHousehold.values().stream().mapToLong(h -> Math.max(0, h.starts - 1)).sum();
        long outOfOrder = byHousehold.values().stream().filter(h -> h.startedBeforeChange).count();
        results.add(Ingestion.SECTION, "check.doubled-or-lost", Math.abs(decided - households) + Math.abs(cases - households)
                + Math.abs(casedHouseholds - households) + Math.abs(counted - households) + Math.abs(reports - households)
                + Math.abs(byHousehold.size() - households) + doubledStarts, "effects",
                String.format("0 when each of the %,d households is decided once (%,d), has one case (%,d cases, %,d households), is"
                        + " counted once (%,d, reports %,d) and has one zero-employment-started (%,d households with one, %,d with any,"
                        + " %,d doubled)", households, decided, cases, casedHouseholds, counted, reports, startedOnce, byHousehold.size(),
                        doubledStarts));
        results.add(Ingestion.SECTION, "check.out-of-order", outOfOrder, "households",
                "households whose zero-employment-started came before any member-changed of theirs on " + Topics.HOUSEHOLD_EVENTS);
        if (decided != households || cases != households || casedHouseholds != households || counted != households
                || reports != households || startedOnce != households || byHousehold.size() != households || outOfOrder > 0) {
            throw new IllegalStateException("the ingestion's effects were not each once and in order: read check.* above");
        }
    }

    /** What the household events topic shows of one household (by key) that has a {@code zero-employment-started}. */
    private static final class Household {
        /** The first start's event id: a record with it again is the relay sending the same event twice. */
        String firstStart;
        int starts;
        boolean startedBeforeChange;
    }

    /**
     * Each household of the household events topic that has a {@code zero-employment-started}: how many distinct ones,
     * and whether the first came before any {@code member-changed} of it. Reads the topic to its end as it is now; fails
     * after a deadline rather than waiting on a broker that does not answer.
     */
    private static Map<String, Household> byHousehold(BenchConfig config, long households) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        Map<String, Household> started = new HashMap<>();
        Set<String> changed = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120 + households / 5_000).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            String topic = config.topicPrefix() + Topics.HOUSEHOLD_EVENTS;
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in time");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    String type = header(record, "ce_type");
                    if (MEMBER_CHANGED.equals(type)) {
                        changed.add(key);
                    } else if (STARTED.equals(type)) {
                        Household household = started.computeIfAbsent(key, k -> new Household());
                        String id = header(record, "ce_id");
                        if (household.firstStart == null) {
                            household.firstStart = id;
                            household.starts = 1;
                            household.startedBeforeChange = !changed.contains(key);
                        } else if (!household.firstStart.equals(id)) {
                            household.starts++;
                        }
                    }
                }
            }
        }
        return started;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
