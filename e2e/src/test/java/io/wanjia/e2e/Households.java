package io.wanjia.e2e;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.specification.RequestSpecification;

/** What the suite does through the public doors: register households, publish labour reports, call each API. */
final class Households {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    /** The {@code ce_source} of the labour reports the suite publishes on Kafka. */
    static final String LABOUR_SOURCE = "/liaoning/labour-bureau";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(new java.util.Random().nextInt(400));
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();
    private static final KafkaProducer<String, String> PRODUCER = producer();

    private Households() {
    }

    /** A valid national ID (GB 11643 check character) for someone born on {@code birth}. */
    static String nationalId(String district, LocalDate birth, boolean male) {
        return nationalId(district + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%03d", (SEQUENCE.getAndIncrement() % 499) * 2 + (male ? 1 : 0)));
    }

    /**
     * {@code first17} with its ISO 7064 MOD 11-2 check character, kept in the registry of issued IDs: every number the
     * suite sends anywhere is made here, so that {@code PersonalDataSweepIT} knows what to look for at the end.
     */
    static String nationalId(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        String id = first17 + "10X98765432".charAt(sum % 11);
        ISSUED.add(id);
        return id;
    }

    /** Every national ID this JVM made (the suite runs in one), to look for where none may be. */
    static Set<String> issued() {
        return Set.copyOf(ISSUED);
    }

    /** A member entry for registration. */
    static Map<String, Object> member(String nationalId, LocalDate birth, boolean male, String status) {
        Map<String, Object> m = new HashMap<>();
        m.put("nationalId", nationalId);
        m.put("name", male ? "张伟" : "王芳");
        m.put("relation", "HEAD");
        m.put("birthDate", birth.toString());
        m.put("gender", male ? "MALE" : "FEMALE");
        m.put("education", "SENIOR_MIDDLE");
        m.put("skills", List.of("driving"));
        m.put("labourCapacity", "FULL");
        m.put("willingToWork", true);
        m.put("occupationCategory", "WORKER");
        m.put("status", status);
        return m;
    }

    /** Registers a household as a case worker of its district and returns it. */
    static JsonNode register(String district, List<Map<String, Object>> members) {
        Map<String, Object> body = Map.of("districtCode", district, "street", "北市场街道", "community", "和平社区",
                "address", "沈阳市和平区和平北大街1号", "cohort", "STANDARD", "members", members);
        return json(as("caseworker", district).body(body).post(Platform.url("household-service") + "/api/v1/households")
                .then().statusCode(201).extract().asString());
    }

    /** Publishes a labour report to labour.status-reports.v1 as another government system would; returns its ce_id. */
    static String report(String type, String nationalId, String district, LocalDate on, String ceId) {
        return report(type, nationalId, district, on, ceId, Map.of());
    }

    /** Publishes a labour report with headers of its publisher's besides the CloudEvent ones (e.g. a traceparent). */
    static String report(String type, String nationalId, String district, LocalDate on, String ceId, Map<String, String> extraHeaders) {
        Map<String, Object> data = reportData(type, nationalId, district, on);
        ProducerRecord<String, String> record = new ProducerRecord<>("labour.status-reports.v1", nationalId.substring(0, 6), write(data));
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.putAll(Map.of("ce_specversion", "1.0", "ce_id", ceId, "ce_type",
                "wanjia.labour." + type + "-reported.v1", "ce_source", LABOUR_SOURCE, "ce_time", Instant.now().toString(),
                "content-type", "application/json"));
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            PRODUCER.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return ceId;
    }

    /** Sends a labour report over HTTP as a publisher of {@code district} would; returns the answer's outcome. */
    static String reportByHttp(String type, String nationalId, String district, LocalDate on, String ceId) {
        return reportByHttp(type, nationalId, district, on, ceId, Map.of());
    }

    /** Sends a labour report over HTTP with headers of its publisher's besides the CloudEvent ones (e.g. a traceparent). */
    static String reportByHttp(String type, String nationalId, String district, LocalDate on, String ceId, Map<String, String> extraHeaders) {
        return given().headers(extraHeaders).header("Authorization", Platform.bearer("publisher", district)).contentType("application/json")
                .header("ce-specversion", "1.0").header("ce-id", ceId).header("ce-type", "wanjia.labour." + type + "-reported.v1")
                .header("ce-source", "/liaoning/social-insurance").header("ce-time", Instant.now().toString())
                .body(write(reportData(type, nationalId, district, on)))
                .post(Platform.url("household-service") + "/api/v1/labour-reports").then().statusCode(202).extract().path("outcome");
    }

    private static Map<String, Object> reportData(String type, String nationalId, String district, LocalDate on) {
        Map<String, Object> data = new HashMap<>(Map.of("nationalId", nationalId, "districtCode", district,
                "occurredOn", on.toString(), "sourceRef", "E2E-" + UUID.randomUUID()));
        if (type.equals("employment")) {
            data.putAll(Map.of("kind", "ENTERPRISE", "contractMonths", 12, "monthlyIncome", 3000, "socialInsurancePaid", true));
        }
        return data;
    }

    static RequestSpecification as(String role, String area) {
        return given().header("Authorization", Platform.bearer(role, area)).contentType("application/json");
    }

    static JsonNode get(String service, String path, String role, String area) {
        return json(as(role, area).get(Platform.url(service) + path).then().statusCode(200).extract().asString());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }
}
