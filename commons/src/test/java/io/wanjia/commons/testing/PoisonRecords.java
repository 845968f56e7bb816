package io.wanjia.commons.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.outbox.DeadLetter;
import io.wanjia.contracts.EventType;

/**
 * Every kind of bad record an outside system (or a bug of ours) could put on a topic, made from one good event of
 * that topic: each {@code ce_*} header missing and wrong in turn, a header that is not UTF-8, a value that is not
 * JSON, holds a NUL, breaks the schema or sits at the broker's size limit, an unknown type, a type of another
 * topic, and a key that disagrees with the payload. {@link #feed} sends them all and then the good event, and
 * checks that each bad one reached {@code <topic>.dlq} with a reason naming its fault and that the service stayed
 * ready; the caller then checks the good event's effect, which shows the consumer went on.
 */
public final class PoisonRecords {

    /** A header every poison record carries, so its dead-letter copy can be told apart. */
    public static final String MARK = "test-poison";

    private static final String LARGEST = "value at the broker's size limit";

    /** A bad record and the field its dead-letter reason must begin with. */
    public record Poison(String name, ProducerRecord<byte[], byte[]> record, String field) {
    }

    /** The good event of the topic: its key, CloudEvent headers and JSON value. */
    public record Good(String key, Map<String, String> headers, String value) {
    }

    private PoisonRecords() {
    }

    /**
     * The bad records for {@code topic}, each with a fresh {@code ce_id} and the {@link #MARK} header
     * {@code run:name}; {@code keyedByHousehold} adds the records whose key disagrees with {@code data.householdId}.
     */
    public static List<Poison> against(String topic, Good good, boolean keyedByHousehold, String run) {
        List<Poison> poisons = new ArrayList<>();
        String otherTopicsType = Arrays.stream(EventType.values()).filter(t -> !topic.endsWith(t.topic())).findFirst()
                .orElseThrow().type();
        for (String attribute : List.of(CloudEvent.SPECVERSION, CloudEvent.ID, CloudEvent.TYPE, CloudEvent.SOURCE, CloudEvent.TIME)) {
            poisons.add(poison(topic, good, run, "missing " + attribute, attribute, h -> without(h, attribute)));
        }
        poisons.add(poison(topic, good, run, "ce_time not a timestamp", CloudEvent.TIME, h -> with(h, CloudEvent.TIME, "yesterday")));
        poisons.add(poison(topic, good, run, "ce_specversion 0.3", CloudEvent.SPECVERSION, h -> with(h, CloudEvent.SPECVERSION, "0.3")));
        poisons.add(poison(topic, good, run, "ce_id with a NUL", CloudEvent.ID, h -> with(h, CloudEvent.ID, "id\0" + UUID.randomUUID())));
        poisons.add(poison(topic, good, run, "ce_id of 10,000 characters", CloudEvent.ID, h -> with(h, CloudEvent.ID, "x".repeat(10_000))));
        poisons.add(poison(topic, good, run, "unknown ce_type", CloudEvent.TYPE, h -> with(h, CloudEvent.TYPE, "wanjia.nothing.happened.v1")));
        poisons.add(poison(topic, good, run, "ce_type of another topic", CloudEvent.TYPE, h -> with(h, CloudEvent.TYPE, otherTopicsType)));
        poisons.add(poison(topic, good, run, "ce_time with a control character", CloudEvent.TIME,
                h -> with(h, CloudEvent.TIME, Instant.now() + "\u0007")));
        Poison notUtf8 = poison(topic, good, run, "ce_source not UTF-8", CloudEvent.SOURCE, h -> h);
        notUtf8.record().headers().remove(CloudEvent.SOURCE);
        notUtf8.record().headers().add(CloudEvent.SOURCE, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        poisons.add(notUtf8);
        poisons.add(poison(topic, good.key(), good.headers(), run, "value not JSON", "data", bytes("{not json")));
        poisons.add(poison(topic, good.key(), good.headers(), run, "value a JSON array", "data", bytes("[1, 2]")));
        poisons.add(poison(topic, good.key(), good.headers(), run, "empty value", "data", new byte[0]));
        poisons.add(poison(topic, good.key(), good.headers(), run, "no value (tombstone)", "data", null));
        poisons.add(poison(topic, good.key(), good.headers(), run, "value with a NUL byte", "data",
                bytes(good.value().replaceFirst("\"", "\"\0"))));
        poisons.add(poison(topic, good.key(), good.headers(), run, "value with an escaped NUL", "data",
                bytes(good.value().replaceFirst("\"", "\"\\\\u0000"))));
        poisons.add(poison(topic, good.key(), good.headers(), run, "value not UTF-8", "data",
                concat(bytes("{\"a\":\""), new byte[] {(byte) 0xFF, (byte) 0xFE}, bytes("\"}"))));
        poisons.add(poison(topic, good.key(), good.headers(), run, "valid JSON breaking the schema", "data", bytes("{\"unexpected\": true}")));
        poisons.add(poison(topic, good.key(), good.headers(), run, LARGEST, "data", null));
        if (keyedByHousehold) {
            poisons.add(poison(topic, UUID.randomUUID().toString(), good.headers(), run, "key of another household", "key", bytes(good.value())));
            poisons.add(poison(topic, null, good.headers(), run, "no key", "key", bytes(good.value())));
        }
        return poisons;
    }

    /**
     * Sends every poison record for {@code topic}, then {@code good}; waits until {@code consumer} has dead-lettered
     * each with a reason naming its fault, and checks that the service is still ready. The caller checks the good
     * event's effect afterwards.
     */
    public static void feed(KafkaTestClient kafka, String topic, String consumer, Good good, boolean keyedByHousehold) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Poison> poisons = against(topic, good, keyedByHousehold, run);
        try (KafkaTestClient.Watch dlq = kafka.watch(topic + ".dlq")) {
            for (Poison poison : poisons) {
                if (poison.name().equals(LARGEST)) {
                    kafka.sendLargest(poison.record(), "{\"padding\":\"", "\"}");
                } else {
                    kafka.send(poison.record());
                }
            }
            kafka.send(topic, good.key(), good.headers(), good.value());

            List<ConsumerRecord<String, String>> copies = dlq.await(r -> consumer.equals(KafkaTestClient.header(r, DeadLetter.CONSUMER))
                    && String.valueOf(KafkaTestClient.header(r, MARK)).startsWith(run + ":"), poisons.size(), Duration.ofSeconds(60));
            Map<String, String> reasons = new LinkedHashMap<>();
            copies.forEach(r -> reasons.put(KafkaTestClient.header(r, MARK).substring(run.length() + 1), KafkaTestClient.header(r, DeadLetter.REASON)));
            for (Poison poison : poisons) {
                assertThat(reasons).as("dead-letter reasons of %s", consumer).containsKey(poison.name());
                assertThat(reasons.get(poison.name())).as(poison.name()).startsWith(poison.field());
            }
            assertThat(copies).as("one copy each").hasSize(poisons.size());
            copies.stream().filter(r -> KafkaTestClient.header(r, MARK).endsWith(":" + LARGEST)).forEach(r -> assertThat(
                    KafkaTestClient.header(r, DeadLetter.VALUE_TRUNCATED)).as("the copy of a record at the limit is cut to fit").isNotNull());
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static Poison poison(String topic, Good good, String run, String name, String field, UnaryOperator<Map<String, String>> headers) {
        return poison(topic, good.key(), headers.apply(new LinkedHashMap<>(good.headers())), run, name, field, bytes(good.value()));
    }

    private static Poison poison(String topic, String key, Map<String, String> headers, String run, String name, String field, byte[] value) {
        Map<String, String> fresh = new LinkedHashMap<>(headers);
        if (CloudEvent.usableId(fresh.get(CloudEvent.ID))) {
            fresh.put(CloudEvent.ID, UUID.randomUUID().toString());
        }
        fresh.put(MARK, run + ":" + name);
        RecordHeaders kafkaHeaders = new RecordHeaders();
        fresh.forEach((n, v) -> kafkaHeaders.add(n, v.getBytes(StandardCharsets.UTF_8)));
        return new Poison(name, new ProducerRecord<>(topic, null, bytes(key), value, kafkaHeaders), field);
    }

    private static Map<String, String> without(Map<String, String> headers, String name) {
        headers.remove(name);
        return headers;
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        headers.put(name, value);
        return headers;
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
