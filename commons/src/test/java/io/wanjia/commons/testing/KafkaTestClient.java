package io.wanjia.commons.testing;


import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A real Kafka client for tests: sends raw records (duplicates, malformed ones) and watches topics from the
 * moment it was opened. Nothing here is in-memory; it talks to the broker the service talks to.
 */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrap;
    private final KafkaProducer<String, String> producer;
    private final KafkaProducer<byte[], byte[]> bytesProducer;

    public KafkaTestClient() {
        this.bootstrap = ConfigProvider.getConfig().getOptionalValue("kafka.bootstrap.servers", String.class)
                .orElse("127.0.0.1:9092");
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.bytesProducer = new KafkaProducer<>(props);
    }

    /** Sends a record of raw bytes (headers that are not UTF-8, values with a NUL) and waits for the acknowledgement. */
    public void send(ProducerRecord<byte[], byte[]> record) {
        try {
            bytesProducer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + record.topic(), e);
        }
    }

    /**
     * Sends {@code record} with the largest value {@code prefix + "a…a" + suffix} that Kafka still accepts (a record
     * at the size limit), and returns that value's size in bytes.
     */
    public int sendLargest(ProducerRecord<byte[], byte[]> record, String prefix, String suffix) {
        for (int size = 1024 * 1024; size > 1024 * 1024 - 64 * 1024; size -= 64) {
            byte[] value = (prefix + "a".repeat(size - prefix.length() - suffix.length()) + suffix).getBytes(StandardCharsets.UTF_8);
            try {
                bytesProducer.send(new ProducerRecord<>(record.topic(), null, record.key(), value, record.headers())).get();
                return size;
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof RecordTooLargeException)) {
                    throw new IllegalStateException("could not send to " + record.topic(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Kafka took no record near 1 MiB on " + record.topic());
    }

    /** Sends a record with the given headers and waits for the broker's acknowledgement. */
    public void send(String topic, String key, Map<String, String> headers, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /**
     * Waits (up to {@code within}) until consumer group {@code group} has committed offsets at the end of every
     * partition of {@code topics}: everything published so far has been consumed.
     */
    public void awaitCaughtUp(String group, List<String> topics, Duration within) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props);
                KafkaConsumer<String, String> ends = new KafkaConsumer<>(consumerProps())) {
            org.awaitility.Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : topics) {
                    ends.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
                Map<TopicPartition, Long> end = ends.endOffsets(partitions);
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                return partitions.stream().allMatch(tp -> end.get(tp) == 0
                        || (committed.get(tp) != null && committed.get(tp).offset() >= end.get(tp)));
            });
        }
    }

    private Properties consumerProps() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }

    /** Starts watching {@code topic} from its current end: records sent from now on are seen. */
    public Watch watch(String topic) {
        return new Watch(topic);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        bytesProducer.close(Duration.ofSeconds(5));
    }

    /** The records that arrived on a topic after the watch began. */
    public final class Watch implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();

        private Watch(String topic) {
            consumer = new KafkaConsumer<>(consumerProps());
            List<TopicPartition> partitions = new ArrayList<>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.partitionsFor(topic).isEmpty());
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /** Waits (up to 30 s) until {@code count} records match, and returns them. */
        public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> match, int count) {
            return await(match, count, Duration.ofSeconds(30));
        }

        /** Waits up to {@code within} until {@code count} records match, and returns them. */
        public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> match, int count,
                Duration within) {
            org.awaitility.Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                return seen.stream().filter(match).count() >= count;
            });
            return seen.stream().filter(match).toList();
        }

        /** Everything seen so far, after one more poll. */
        public List<ConsumerRecord<String, String>> seen() {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return List.copyOf(seen);
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The value of a header, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The headers of a record as a map. */
    public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8)));
        return headers;
    }
}
