package io.wanjia.commons.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

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

    /** The records added so far, as one poll of partition 0. */
    public ConsumerRecords<String, String> records() {
        return new ConsumerRecords<>(Map.of(new TopicPartition(topic, 0), List.copyOf(records)), Map.of());
    }
}
