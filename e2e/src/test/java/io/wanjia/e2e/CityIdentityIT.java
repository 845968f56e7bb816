package io.wanjia.e2e;

import static io.wanjia.e2e.Households.as;
import static io.wanjia.e2e.Households.json;
import static io.wanjia.e2e.Households.member;
import static io.wanjia.e2e.Households.nationalId;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;

/**
 * Two districts of one city, each its own household-service with its own database, encryption key and topic prefix,
 * sharing the city's hash key and its claims topic on the real Kafka (issue #18, "Identity across a city"): a person
 * one district registered is refused by the other, naming only the district; two districts registering one person at
 * the same moment both succeed and both put the pair in their duplicate review queue; removing it in one closes the
 * other's. A family that moves from one to the other goes by a transfer: asked for with IDs typed again, released with
 * its episode, registered there from its first day, and the city's claims follow it.
 */
class CityIdentityIT {

    private static final String HEPING = "210102";
    private static final String SHENHE = "210103";
    private static final Map<String, Integer> PORTS = Map.of(HEPING, 18091, SHENHE, 18092);
    private static final Map<String, String> DATABASES = Map.of(HEPING, "wanjia_household_heping_test", SHENHE,
            "wanjia_household_shenhe_test");

    @BeforeAll
    static void startTwoDistricts() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (String district : List.of(HEPING, SHENHE)) {
            byte[] encryptionKey = new byte[32];
            new SecureRandom().nextBytes(encryptionKey);
            Platform.launch("household-service-" + district, "household-service", List.of(
                    "-Dquarkus.http.port=" + PORTS.get(district),
                    "-Dquarkus.datasource.jdbc.url=" + Platform.jdbcUrl(DATABASES.get(district)),
                    "-Dwanjia.deployment.area=" + district,
                    "-Dwanjia.topic-prefix=e2e-" + run + "-" + district + ".",
                    "-Dwanjia.city-topic-prefix=e2e-" + run + "-2101.",
                    "-Dquarkus.otel.sdk.disabled=true"),
                    // The city's hash key is the suite's; each district seals with a key of its own.
                    Map.of("WANJIA_HOUSEHOLD_NATIONAL_ID_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(encryptionKey)));
        }
        Platform.awaitReady("household-service-" + HEPING, PORTS.get(HEPING));
        Platform.awaitReady("household-service-" + SHENHE, PORTS.get(SHENHE));
    }

    @Test
    void shouldRefuseInOneDistrictAPersonTheOtherRegisteredNamingOnlyThatDistrict() throws Exception {
        String person = person();
        JsonNode heping = json(register(HEPING, person).then().statusCode(201).extract().asString());
        awaitClaimRead(SHENHE, HEPING, heping.at("/members/0/id").asText());

        Response refused = register(SHENHE, person);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.jsonPath().getString("detail")).contains("another district: 210102 和平区");
        assertThat(refused.asString()).doesNotContain(heping.get("id").asText()).doesNotContain(heping.at("/members/0/id").asText())
                .doesNotContain(person);
    }

    @Test
    void shouldQueueAPersonBothDistrictsRegisteredAtOnceOnBothSidesAndCloseItWhenOneRemovesIt() throws Exception {
        // Both registrations are sent at one moment. Each usually lands before the other district has read its claim:
        // both succeed. Where one district read the other's claim first, it must refuse (409) and nothing is queued;
        // the race is tried again with another person, and must have happened at least once.
        for (int attempt = 1; ; attempt++) {
            String person = person();
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Response> inHeping = CompletableFuture.supplyAsync(() -> registerWhen(go, HEPING, person));
            CompletableFuture<Response> inShenhe = CompletableFuture.supplyAsync(() -> registerWhen(go, SHENHE, person));
            go.countDown();
            Response heping = inHeping.get();
            Response shenhe = inShenhe.get();
            if (heping.statusCode() == 201 && shenhe.statusCode() == 201) {
                bothQueuedAndResolved(json(heping.asString()), json(shenhe.asString()));
                return;
            }
            assertThat(List.of(heping.statusCode(), shenhe.statusCode())).as("one registered, the other refused").containsExactlyInAnyOrder(201, 409);
            assertThat((heping.statusCode() == 409 ? heping : shenhe).jsonPath().getString("detail")).contains("another district");
            assertThat(attempt).as("two districts registering one person at once").isLessThan(5);
        }
    }

    private void bothQueuedAndResolved(JsonNode heping, JsonNode shenhe) throws Exception {
        String hepingMember = heping.at("/members/0/id").asText();
        String shenheMember = shenhe.at("/members/0/id").asText();
        JsonNode hepingReview = awaitOpenReview(HEPING, hepingMember);
        JsonNode shenheReview = awaitOpenReview(SHENHE, shenheMember);
        assertThat(hepingReview.get("otherDistrictCode").asText()).isEqualTo(SHENHE);
        assertThat(hepingReview.get("otherMemberId").asText()).isEqualTo(shenheMember);
        assertThat(shenheReview.get("otherDistrictCode").asText()).isEqualTo(HEPING);
        assertThat(shenheReview.get("otherMemberId").asText()).isEqualTo(hepingMember);

        // Shenhe's caseworker finds the family lives in Heping and removes the registration there.
        as("caseworker", SHENHE).body(Map.of("decision", "REMOVE_HERE", "note", "户籍在和平区，已核实"))
                .post(url(SHENHE) + "/api/v1/duplicate-reviews/" + shenheReview.get("id").asText() + "/resolution").then().statusCode(200);

        Awaitility.await("Heping's review closed by Shenhe's release").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> review(HEPING, hepingReview.get("id").asText()).get("status").asText(), "RESOLVED_ELSEWHERE"::equals);
        assertThat(json(as("caseworker", HEPING).get(url(HEPING) + "/api/v1/households/" + heping.get("id").asText()).then()
                .statusCode(200).extract().asString()).get("members")).hasSize(1);
        assertThat(json(as("caseworker", SHENHE).get(url(SHENHE) + "/api/v1/households/" + shenhe.get("id").asText()).then()
                .statusCode(200).extract().asString()).get("members")).isEmpty();
    }

    @Test
    void shouldMoveAHouseholdOnDay12FromOneDistrictToTheOtherWithItsEpisodeAndItsClaims() throws Exception {
        // Heping's family: the head lost his job 11 days ago, as the labour bureau reports late (today is day 12).
        String head = person();
        String spouse = nationalId(HEPING, LocalDate.of(1982, 3, 1).plusDays(new SecureRandom().nextInt(3000)), false);
        JsonNode heping = json(as("caseworker", HEPING).body(Map.of("districtCode", HEPING, "street", "南市场街道", "community", "民主社区",
                "address", "沈阳市和平区民主街12号", "cohort", "STANDARD", "members", List.of(member(head, birthOf(head), true, "EMPLOYED_STABLE"),
                        member(spouse, birthOf(spouse), false, "UNEMPLOYED")))).post(url(HEPING) + "/api/v1/households").then()
                .statusCode(201).extract().asString());
        String hepingHousehold = heping.get("id").asText();
        LocalDate since = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(11);
        io.restassured.RestAssured.given().header("Authorization", Platform.bearer("publisher", HEPING)).contentType("application/json")
                .header("ce-specversion", "1.0").header("ce-id", UUID.randomUUID().toString())
                .header("ce-type", "wanjia.labour.unemployment-reported.v1").header("ce-source", "/liaoning/social-insurance")
                .header("ce-time", java.time.Instant.now().toString())
                .body(Households.write(Map.of("nationalId", head, "districtCode", HEPING, "occurredOn", since.toString(),
                        "sourceRef", "E2E-" + UUID.randomUUID())))
                .post(url(HEPING) + "/api/v1/labour-reports").then().statusCode(202);
        Awaitility.await("Heping's household zero-employment since day 1").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> household(HEPING, hepingHousehold).path("zeroEmploymentSince").asText(), since.toString()::equals);
        for (JsonNode member : heping.get("members")) {
            awaitClaimRead(SHENHE, HEPING, member.get("id").asText());
        }

        // The family moved to Shenhe: its caseworker types their IDs from the household booklet and asks.
        JsonNode asked = json(as("caseworker", SHENHE).body(Map.of("districtCode", SHENHE, "street", "五里河街道", "community", "富民社区",
                "address", "沈阳市沈河区青年大街1号", "members", List.of(Map.of("nationalId", head, "name", "王建国"),
                        Map.of("nationalId", spouse, "name", "李秀英")), "note", "户口迁入沈河区")).post(url(SHENHE) + "/api/v1/transfers")
                .then().statusCode(201).extract().asString());
        String transfer = asked.get("id").asText();
        assertThat(asked.get("fromDistrictCode").asText()).isEqualTo(HEPING);
        assertThat(asked.toString()).doesNotContain(head).doesNotContain(spouse);
        Awaitility.await("Heping sees the request").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> as("caseworker", HEPING).get(url(HEPING) + "/api/v1/transfers/" + transfer).then().extract().statusCode() == 200);
        as("caseworker", HEPING).body(Map.of("note", "户口已迁出")).post(url(HEPING) + "/api/v1/transfers/" + transfer + "/release").then()
                .statusCode(200);

        JsonNode arrived = Awaitility.await("Shenhe registers the household").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> json(as("caseworker", SHENHE).get(url(SHENHE) + "/api/v1/transfers/" + transfer).then().statusCode(200)
                        .extract().asString()), t -> "COMPLETED".equals(t.get("status").asText()));
        JsonNode shenhe = household(SHENHE, arrived.get("householdId").asText());
        assertThat(shenhe.get("status").asText()).isEqualTo("ZERO_EMPLOYMENT");
        assertThat(shenhe.get("zeroEmploymentSince").asText()).isEqualTo(since.toString()); // the promise keeps its day count
        assertThat(shenhe.get("transferredFrom").asText()).isEqualTo(HEPING);
        assertThat(shenhe.get("members")).extracting(m -> m.get("name").asText()).containsExactlyInAnyOrder("王建国", "李秀英");
        // Told by Shenhe that it arrived, Heping closes its record.
        JsonNode closed = Awaitility.await("Heping closes its record").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> household(HEPING, hepingHousehold), h -> "EXITED".equals(h.get("status").asText()));
        assertThat(closed.get("exitReason").asText()).isEqualTo("TRANSFERRED");
        assertThat(closed.get("transferredTo").asText()).isEqualTo(SHENHE);
        assertThat(closed.get("members")).isEmpty();

        // The city now knows the family in Shenhe: Heping refuses to register the head again, naming Shenhe, and neither
        // district queued the move as a duplicate.
        // (Shenhe's own claims met Heping's as the arrival committed, where a duplicate would have shown.)
        for (JsonNode member : shenhe.get("members")) {
            awaitClaimRead(HEPING, SHENHE, member.get("id").asText());
        }
        assertThat(register(HEPING, head).then().statusCode(409).extract().path("detail").toString()).contains("210103 沈河区");
        for (String district : List.of(HEPING, SHENHE)) {
            assertThat(json(as("caseworker", district).get(url(district) + "/api/v1/duplicate-reviews?status=OPEN&size=500").then()
                    .statusCode(200).extract().asString()).get("items").toString()).doesNotContain(hepingHousehold)
                    .doesNotContain(arrived.get("householdId").asText());
        }
    }

    private static JsonNode household(String district, String id) {
        return json(as("caseworker", district).get(url(district) + "/api/v1/households/" + id).then().statusCode(200).extract().asString());
    }

    private static LocalDate birthOf(String nationalId) {
        return LocalDate.parse(nationalId.substring(6, 10) + "-" + nationalId.substring(10, 12) + "-" + nationalId.substring(12, 14));
    }

    private static JsonNode awaitOpenReview(String district, String memberId) {
        return Awaitility.await("a duplicate review in " + district).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode page = json(as("caseworker", district).get(url(district) + "/api/v1/duplicate-reviews?status=OPEN&size=500")
                            .then().statusCode(200).extract().asString());
                    for (JsonNode item : page.get("items")) {
                        if (memberId.equals(item.get("memberId").asText())) {
                            return item;
                        }
                    }
                    return null;
                }, java.util.Objects::nonNull);
    }

    private static JsonNode review(String district, String id) {
        return json(as("caseworker", district).get(url(district) + "/api/v1/duplicate-reviews/" + id).then().statusCode(200)
                .extract().asString());
    }

    /** Waits until {@code reader}'s read model holds {@code of}'s live claim on its member {@code memberId}. */
    private static void awaitClaimRead(String reader, String of, String memberId) {
        Awaitility.await(reader + " read " + of + "'s claims").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try (Connection db = connect(DATABASES.get(reader));
                            PreparedStatement query = db.prepareStatement(
                                    "SELECT count(*) FROM identity_claim WHERE deployment = ? AND member_id = ?::uuid AND held")) {
                        query.setString(1, of);
                        query.setString(2, memberId);
                        try (ResultSet rows = query.executeQuery()) {
                            rows.next();
                            return rows.getLong(1) == 1;
                        }
                    }
                });
    }

    private static Response registerWhen(CountDownLatch go, String district, String person) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return register(district, person);
    }

    private static Response register(String district, String person) {
        LocalDate birth = LocalDate.parse(person.substring(6, 10) + "-" + person.substring(10, 12) + "-" + person.substring(12, 14));
        boolean male = (person.charAt(16) - '0') % 2 == 1;
        List<Map<String, Object>> members = new ArrayList<>(List.of(member(person, birth, male, "UNEMPLOYED")));
        return as("caseworker", district).body(Map.of("districtCode", district, "street", "街道", "community", "社区",
                "address", "沈阳市", "cohort", "STANDARD", "members", members)).post(url(district) + "/api/v1/households");
    }

    private static String person() {
        return nationalId(HEPING, LocalDate.of(1980, 1, 1).plusDays(new SecureRandom().nextInt(5000)), true);
    }

    private static String url(String district) {
        return "http://127.0.0.1:" + PORTS.get(district);
    }

    private static Connection connect(String database) throws Exception {
        return DriverManager.getConnection(Platform.jdbcUrl(database), "wanjia_household",
                System.getenv().getOrDefault("WANJIA_DB_PASSWORD", "wanjia-local"));
    }
}
