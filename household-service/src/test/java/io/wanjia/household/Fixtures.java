package io.wanjia.household;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.ValidatableResponse;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.household.domain.NationalIds;

/** Test data and calls shared by household-service's integration tests. */
public final class Fixtures {

    public static final String HEPING = "210102";
    public static final String SHENHE = "210103";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Fixtures() {
    }

    /** A member of {@code age} years (birthday in {@code daysToBirthday} days), male or female, with a status. */
    public static Map<String, Object> member(LocalDate today, int age, int daysToBirthday, boolean male, String status) {
        LocalDate birth = today.plusDays(daysToBirthday).minusYears(age + (daysToBirthday > 0 ? 1 : 0));
        if (daysToBirthday <= 0) {
            birth = today.minusYears(age).minusDays(30);
        }
        Map<String, Object> member = new HashMap<>();
        member.put("nationalId", NationalIds.of(HEPING, birth, male));
        member.put("name", male ? "王建国" : "李秀英");
        member.put("relation", "HEAD");
        member.put("birthDate", birth.toString());
        member.put("gender", male ? "MALE" : "FEMALE");
        member.put("education", "JUNIOR_MIDDLE");
        member.put("skills", List.of("welding", "driving"));
        member.put("labourCapacity", "FULL");
        member.put("willingToWork", true);
        member.put("occupationCategory", "WORKER");
        member.put("status", status);
        return member;
    }

    /** An adult member of {@code age} with a status. */
    public static Map<String, Object> adult(LocalDate today, int age, boolean male, String status) {
        return member(today, age, 0, male, status);
    }

    /** A registration body for a household in {@code district}. */
    public static Map<String, Object> household(String district, List<Map<String, Object>> members) {
        Map<String, Object> household = new LinkedHashMap<>();
        household.put("districtCode", district);
        household.put("street", "南市场街道");
        household.put("community", "民主社区");
        household.put("address", "沈阳市和平区民主街12号");
        household.put("cohort", "STANDARD");
        household.put("members", new ArrayList<>(members));
        return household;
    }

    /** POSTs a registration as a case worker of {@code area}. */
    public static ValidatableResponse register(String area, Map<String, Object> household) {
        return given().header("Authorization", Tokens.bearer("caseworker", area)).contentType("application/json")
                .body(household).post("/api/v1/households").then();
    }

    /** Registers and returns the household's JSON. */
    public static JsonNode registered(Map<String, Object> household) {
        String body = register(HEPING, household).statusCode(201).extract().asString();
        return json(body);
    }

    /** POSTs a labour report as a publisher of {@code area} (HTTP binary mode); returns its event id. */
    public static String reportByHttp(String area, String type, String body) {
        String eventId = UUID.randomUUID().toString();
        given().header("Authorization", Tokens.bearer("publisher", area)).contentType("application/json")
                .headers(Map.of("ce-id", eventId, "ce-type", type, "ce-source", "/liaoning/labour-bureau", "ce-specversion", "1.0",
                        "ce-time", Instant.now().toString()))
                .body(body).post("/api/v1/labour-reports").then().statusCode(202);
        return eventId;
    }

    /** A labour report's binary-mode headers. */
    public static Map<String, String> reportHeaders(String id, String type) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEvent.SPECVERSION, "1.0");
        headers.put(CloudEvent.ID, id);
        headers.put(CloudEvent.TYPE, type);
        headers.put(CloudEvent.SOURCE, "/liaoning/social-insurance");
        headers.put(CloudEvent.TIME, Instant.now().toString());
        headers.put(CloudEvent.CONTENT_TYPE, "application/json");
        return headers;
    }

    /** An unemployment report body. */
    public static String unemployment(String nationalId, LocalDate on) {
        return unemployment(nationalId, on, HEPING);
    }

    /** An unemployment report body from a system that reports for {@code district}. */
    public static String unemployment(String nationalId, LocalDate on, String district) {
        return write(Map.of("nationalId", nationalId, "districtCode", district, "occurredOn", on.toString(),
                "reason", "enterprise closed", "sourceRef", "LAYOFF-" + UUID.randomUUID()));
    }

    /** An employment report body for a one-year enterprise contract (stable). */
    public static String stableEmployment(String nationalId, LocalDate on) {
        return stableEmployment(nationalId, on, HEPING);
    }

    /** The same from a system that reports for {@code district}. */
    public static String stableEmployment(String nationalId, LocalDate on, String district) {
        Map<String, Object> report = new HashMap<>();
        report.put("nationalId", nationalId);
        report.put("districtCode", district);
        report.put("occurredOn", on.toString());
        report.put("kind", "ENTERPRISE");
        report.put("employer", "沈阳机床厂");
        report.put("contractMonths", 12);
        report.put("monthlyIncome", 3200);
        report.put("socialInsurancePaid", true);
        report.put("sourceRef", "SI-" + UUID.randomUUID());
        return write(report);
    }

    /** The events of one household on a watched topic, of one type. */
    public static List<JsonNode> eventsOf(List<ConsumerRecord<String, String>> records, String type) {
        return records.stream().filter(r -> type.equals(KafkaTestClient.header(r, CloudEvent.TYPE)))
                .map(r -> json(r.value())).toList();
    }

    /** Whether a record is of {@code type} and keyed by {@code household}. */
    public static boolean is(ConsumerRecord<String, String> record, Object household, String type) {
        return household.toString().equals(record.key()) && type.equals(KafkaTestClient.header(record, CloudEvent.TYPE));
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails if any national ID the tests made appears in the service's log file. */
    public static void assertNoNationalIdLogged() throws IOException {
        Path log = Path.of("target/household-test.log");
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        assertThat(NationalIds.issued()).isNotEmpty().allSatisfy(id -> assertThat(text).doesNotContain(id));
    }
}
