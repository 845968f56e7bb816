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
        Map<String, int[]> byHousehold = startsByHousehold(config);
        long startedOnce = byHousehold.values().stream().filter(s -> s[0] == 1).count();
        long outOfOrder = byHousehold.values().stream().filter(s -> s[1] > 0).count();
        results.add(Ingestion.SECTION, "check.doubled-or-lost", Math.abs(decided - households) + Math.abs(cases - households)
                + Math.abs(casedHouseholds - households) + Math.abs(counted - households) + Math.abs(reports - households)
                + Math.abs(startedOnce - households) + (byHousehold.size() - startedOnce), "effects",
                String.format("0 when each of the %,d households is decided once (%,d), has one case (%,d cases, %,d households), is"
                        + " counted once (%,d, reports %,d) and has one zero-employment-started (%,d of %,d)", households, decided, cases,
                        casedHouseholds, counted, reports, startedOnce, byHousehold.size()));
        results.add(Ingestion.SECTION, "check.out-of-order", outOfOrder, "households",
                "households whose zero-employment-started came before any member-changed of theirs on " + Topics.HOUSEHOLD_EVENTS);
        if (decided != households || cases != households || casedHouseholds != households || counted != households
                || reports != households || startedOnce != households || byHousehold.size() != households || outOfOrder > 0) {
            throw new IllegalStateException("the ingestion's effects were not each once and in order: read check.* above");
        }
    }

    /**
     * For each household key of the household events topic: how many distinct {@code zero-employment-started} events it has
     * ([0]) and how many of them came before any {@code member-changed} of it ([1]). Only households with one are kept.
     */
    private static Map<String, int[]> startsByHousehold(BenchConfig config) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        Map<String, int[]> starts = new HashMap<>();
        Set<String> changed = new HashSet<>();
        Set<String> seen = new HashSet<>(); // the starts' event ids, against the relay's resending
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            String topic = config.topicPrefix() + Topics.HOUSEHOLD_EVENTS;
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    String type = header(record, "ce_type");
                    if (MEMBER_CHANGED.equals(type)) {
                        changed.add(key);
                    } else if (STARTED.equals(type) && seen.add(header(record, "ce_id"))) {
                        int[] start = starts.computeIfAbsent(key, k -> new int[2]);
                        start[0]++;
                        if (!changed.contains(key)) {
                            start[1]++;
                        }
                    }
                }
            }
        }
        return starts;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
