package io.wanjia.commons.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A poll's worth of records, built in a test and handed to a consumer method exactly as the Kafka connector hands
 * it a poll — so what one batch holds is decided by the test, not by timing.
 */
public final class Polled {

    private final String topic;
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

    public Polled(String topic) {
        this.topic = topic;
    }

    /** Adds a record with these CloudEvent headers. */
    public Polled add(String key, Map<String, String> headers, String value) {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach((name, text) -> kafkaHeaders.add(name, text.getBytes(StandardCharsets.UTF_8)));
        records.add(new ConsumerRecord<>(topic, 0, records.size(), System.currentTimeMillis(), TimestampType.CREATE_TIME,
                key.length(), value.length(), key, value, kafkaHeaders, Optional.empty()));
        return this;
    }

    /** How many batches {@code consumer} has had to split and apply one by one so far (to check one was not). */
    public static double splits(MeterRegistry metrics, String consumer) {
        return metrics.counter("wanjia.inbox.batches-split", "consumer", consumer).count();
    }

    /**
     * {@link #splits} once the service's own consumer of {@code channel} has caught up with its topics: records
     * other tests left on them (bad ones among them) would otherwise split batches of its own meanwhile.
     */
    public static double splitsWhenCaughtUp(MeterRegistry metrics, String consumer, String channel) {
        Config config = ConfigProvider.getConfig();
        String prefix = "mp.messaging.incoming." + channel + ".";
        String group = config.getValue(prefix + "group.id", String.class);
        List<String> topics = config.getOptionalValue(prefix + "topic", String.class).map(List::of)
                .orElseGet(() -> List.of(config.getValue(prefix + "topics", String.class).split(",")));
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.awaitCaughtUp(group, topics, Duration.ofSeconds(60));
        }
        return splits(metrics, consumer);
    }

    /** The records added so far, as one poll of partition 0. */
    public ConsumerRecords<String, String> records() {
        return new ConsumerRecords<>(Map.of(new TopicPartition(topic, 0), List.copyOf(records)), Map.of());
    }
}
