package io.wanjia.e2e;

import static io.wanjia.e2e.Households.as;
import static io.wanjia.e2e.Households.get;
import static io.wanjia.e2e.Households.member;
import static io.wanjia.e2e.Households.nationalId;
import static io.wanjia.e2e.Households.register;
import static io.wanjia.e2e.Households.report;
import static io.wanjia.e2e.Households.reportByHttp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * The life of a household across the four packaged services, through their public APIs and topics only,
 * with time moved for all services together.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HouseholdLifeIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeAll
    static void startPlatform() throws Exception {
        Platform.start();
    }

    static LocalDate today() {
        return Platform.now().atZone(SHANGHAI).toLocalDate();
    }

    @Test
    @Order(1)
    void aReportMakesAHouseholdZeroEmploymentAndAPlacementClosesItsCaseMet() {
        String district = "210104";
        LocalDate today = today();
        JsonNode before = reportTotals(district, today);
        LocalDate birthA = today.minusYears(45), birthB = today.minusYears(43);
        String idB = nationalId(district, birthB, false);
        Map<String, Object> b = member(idB, birthB, false, "EMPLOYED_STABLE");
        JsonNode household = register(district, List.of(member(nationalId(district, birthA, true), birthA, true, "UNEMPLOYED"), b));
        String id = household.get("id").asText();
        String memberA = memberId(household, birthA);
        assertThat(household.get("status").asText()).isEqualTo("NOT_ZERO_EMPLOYMENT");

        report("unemployment", idB, district, today, UUID.randomUUID().toString());
        // Reports are counted from what household-service took in, by either door, each once.
        String byHttp = UUID.randomUUID().toString();
        String stranger = nationalId(district, today.minusYears(31), false);
        assertThat(reportByHttp("unemployment", stranger, district, today, byHttp)).isEqualTo("ACCEPTED");
        assertThat(reportByHttp("unemployment", stranger, district, today, byHttp)).isEqualTo("DUPLICATE");

        await().atMost(WAIT).until(() -> status(id, district).equals("ZERO_EMPLOYMENT"));
        await().atMost(WAIT).until(() -> reportTotals(district, today).get("labourReports").asLong()
                == before.get("labourReports").asLong() + 2);
        JsonNode c = awaitCase(id, district, "OPEN");
        String post = post(district, "ENTERPRISE", "物流配送员", List.of("driving"));
        await().atMost(WAIT).until(() -> suggestionsOf(id, district).contains(post));

        String offer = as("placement-officer", district).body(Map.of("memberId", memberA, "postId", post))
                .post(Platform.url("placement-service") + "/api/v1/offers").then().statusCode(201).extract().path("id");
        as("placement-officer", district).body(Map.of()).post(Platform.url("placement-service") + "/api/v1/offers/" + offer + "/accept")
                .then().statusCode(201);

        JsonNode closed = awaitCase(id, district, "CLOSED");
        assertThat(closed.get("id").asText()).isEqualTo(c.get("id").asText());
        assertThat(closed.get("outcome").asText()).isEqualTo("MET");
        assertThat(status(id, district)).isEqualTo("NOT_ZERO_EMPLOYMENT");
        await().atMost(WAIT).until(() -> reportTotals(district, today).get("closedMet").asLong() == before.get("closedMet").asLong() + 1);
        JsonNode after = reportTotals(district, today);
        assertThat(after.get("membersPlaced").asLong()).isEqualTo(before.get("membersPlaced").asLong() + 1);
        assertThat(after.get("placementsEnterprise").asLong()).isEqualTo(before.get("placementsEnterprise").asLong() + 1);
        assertThat(after.get("labourReports").asLong()).isEqualTo(before.get("labourReports").asLong() + 2);
    }

    @Test
    @Order(2)
    void nobodyPlacedEscalatesOnDays10And15And18BreachesAndRepeatsThenAPlacementOnDay27ClosesItLate() throws IOException {
        String district = "210105";
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/alerts", exchange -> {
            JsonNode body = Households.json(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (!body.hasNonNull("identificationStage")) { // the ladder's steps; missed identification sub-deadlines apart
                received.add(exchange.getRequestHeaders().getFirst("ce-id") + " " + body.get("householdId").asText() + " "
                        + body.get("level").asText());
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            as("admin", district).body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts",
                    "areaPrefix", district, "minLevel", "COMMUNITY", "secret", "e2e-shared-secret-0123456789"))
                    .post(Platform.url("deadline-monitor") + "/api/v1/webhooks").then().statusCode(201);
            LocalDate birth = today().minusYears(50);
            JsonNode household = register(district, List.of(member(nationalId(district, birth, true), birth, true, "UNEMPLOYED")));
            String id = household.get("id").asText();
            String caseId = awaitCase(id, district, "OPEN").get("id").asText();
            List<String> expected = new ArrayList<>();

            for (Object[] step : new Object[][] {{9, "COMMUNITY"}, {5, "STREET"}, {3, "DISTRICT"}, {3, "CITY"}, {5, "CITY"}}) {
                Platform.advance(Duration.ofDays((Integer) step[0]));
                expected.add((String) step[1]);
                await().atMost(WAIT).until(() -> levelsReceived(received, id).size() == expected.size());
                assertThat(levelsReceived(received, id)).containsExactlyElementsOf(expected);
                await().atMost(WAIT).until(() -> inboxLevels(caseId, district).size() == expected.size());
                assertThat(inboxLevels(caseId, district)).containsExactlyInAnyOrderElementsOf(expected);
            }
            Platform.advance(Duration.ofDays(1)); // day 27
            String post = post(district, "PUBLIC_WELFARE", "社区公益岗", List.of());
            String offer = as("placement-officer", district).body(Map.of("memberId", memberId(household, birth), "postId", post))
                    .post(Platform.url("placement-service") + "/api/v1/offers").then().statusCode(201).extract().path("id");
            as("placement-officer", district).body(Map.of()).post(Platform.url("placement-service") + "/api/v1/offers/" + offer + "/accept")
                    .then().statusCode(201);

            JsonNode closed = awaitCase(id, district, "CLOSED");
            assertThat(closed.get("outcome").asText()).isEqualTo("MET_LATE");
            assertThat(closed.get("day").asInt()).isEqualTo(27);
            assertThat(received.stream().filter(r -> r.contains(id)).map(r -> r.split(" ")[0]).distinct())
                    .hasSize(levelsReceived(received, id).size());
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    @Order(3)
    void duplicateLateOutOfOrderAndEarlyReportsAllLandRight() {
        String district = "210106";
        LocalDate today = today();
        // The same report twice changes the household once.
        LocalDate b1 = today.minusYears(40), b2 = today.minusYears(38);
        String second = nationalId(district, b2, false);
        JsonNode twice = register(district, List.of(member(nationalId(district, b1, true), b1, true, "UNEMPLOYED"),
                member(second, b2, false, "EMPLOYED_STABLE")));
        String ceId = UUID.randomUUID().toString();
        report("unemployment", second, district, today, ceId);
        report("unemployment", second, district, today, ceId);
        await().atMost(WAIT).until(() -> status(twice.get("id").asText(), district).equals("ZERO_EMPLOYMENT"));
        awaitCase(twice.get("id").asText(), district, "OPEN");
        assertThat(cases(twice.get("id").asText(), district)).hasSize(1);

        // A report dated 19 days back starts the clock then: the case opens on day 20 with its highest step fired.
        LocalDate b3 = today.minusYears(35), b4 = today.minusYears(36);
        String late = nationalId(district, b4, true);
        JsonNode lateHousehold = register(district, List.of(member(nationalId(district, b3, false), b3, false, "UNEMPLOYED"),
                member(late, b4, true, "EMPLOYED_STABLE")));
        report("unemployment", late, district, today.minusDays(19), UUID.randomUUID().toString());
        JsonNode lateCase = awaitCase(lateHousehold.get("id").asText(), district, "OPEN");
        assertThat(lateCase.get("since").asText()).isEqualTo(today.minusDays(19).toString());
        assertThat(lateCase.get("day").asInt()).isEqualTo(20);
        await().atMost(WAIT).until(() -> inboxLevels(lateCase.get("id").asText(), district).equals(List.of("DISTRICT")));

        // Reports out of order: the newer fact wins.
        LocalDate b5 = today.minusYears(30), b6 = today.minusYears(31);
        String flipping = nationalId(district, b6, false);
        JsonNode ordered = register(district, List.of(member(nationalId(district, b5, true), b5, true, "UNEMPLOYED"),
                member(flipping, b6, false, "UNEMPLOYED")));
        report("employment", flipping, district, today.minusDays(2), UUID.randomUUID().toString());
        report("unemployment", flipping, district, today.minusDays(5), UUID.randomUUID().toString());
        await().atMost(WAIT).until(() -> status(ordered.get("id").asText(), district).equals("NOT_ZERO_EMPLOYMENT"));
        report("unemployment", nationalId(district, today.minusYears(29), true), district, today, UUID.randomUUID().toString());
        await().atMost(WAIT).until(() -> memberStatusSince(ordered.get("id").asText(), district, b6).equals(today.minusDays(2).toString()));

        // A report for someone not yet registered waits, and applies when they are.
        LocalDate b7 = today.minusYears(44);
        String early = nationalId(district, b7, true);
        report("unemployment", early, district, today.minusDays(3), UUID.randomUUID().toString());
        await().atMost(WAIT).until(() -> get("household-service", "/api/v1/unmatched-reports?size=500", "caseworker", district)
                .get("items").findValuesAsText("nationalId").contains(early.substring(0, 6) + "************"));
        Map<String, Object> earlyMember = member(early, b7, true, "EMPLOYED_STABLE");
        earlyMember.put("statusSince", today.minusYears(1).toString());
        JsonNode waited = register(district, List.of(earlyMember));
        assertThat(waited.get("status").asText()).isEqualTo("ZERO_EMPLOYMENT");
    }

    @Test
    @Order(4)
    void aPlacedMemberWhoLosesTheJobMakesTheHouseholdZeroEmploymentAgainWithANewCase() {
        String district = "210111";
        LocalDate birth = today().minusYears(33);
        JsonNode household = register(district, List.of(member(nationalId(district, birth, false), birth, false, "UNEMPLOYED")));
        String id = household.get("id").asText();
        awaitCase(id, district, "OPEN");
        String post = post(district, "FLEXIBLE", "家政服务员", List.of());
        String offer = as("placement-officer", district).body(Map.of("memberId", memberId(household, birth), "postId", post))
                .post(Platform.url("placement-service") + "/api/v1/offers").then().statusCode(201).extract().path("id");
        // Flexible work at 3200 with social insurance: stable employment.
        String placement = as("placement-officer", district).body(Map.of())
                .post(Platform.url("placement-service") + "/api/v1/offers/" + offer + "/accept").then().statusCode(201).extract().path("id");
        awaitCase(id, district, "CLOSED");

        Platform.advance(Duration.ofDays(40));
        as("placement-officer", district).body(Map.of("reason", "the employer closed"))
                .post(Platform.url("placement-service") + "/api/v1/placements/" + placement + "/end").then().statusCode(200);

        await().atMost(WAIT).until(() -> cases(id, district).size() == 2);
        List<JsonNode> both = cases(id, district);
        assertThat(both).extracting(c -> c.get("status").asText()).containsExactlyInAnyOrder("CLOSED", "OPEN");
        assertThat(both.stream().filter(c -> c.get("status").asText().equals("OPEN")).findFirst().orElseThrow().get("since").asText())
                .isEqualTo(today().toString());
    }

    @Test
    @Order(5)
    void twoDistrictsSideBySideSeeNothingOfEachOther() {
        String heping = "210112", shenhe = "210113";
        LocalDate birth = today().minusYears(41);
        JsonNode a = register(heping, List.of(member(nationalId(heping, birth, true), birth, true, "UNEMPLOYED")));
        JsonNode b = register(shenhe, List.of(member(nationalId(shenhe, birth, false), birth, false, "UNEMPLOYED")));
        String caseB = awaitCase(b.get("id").asText(), shenhe, "OPEN").get("id").asText();
        awaitCase(a.get("id").asText(), heping, "OPEN");

        as("caseworker", heping).get(Platform.url("household-service") + "/api/v1/households/" + b.get("id").asText()).then().statusCode(404);
        as("supervisor", heping).get(Platform.url("deadline-monitor") + "/api/v1/cases/" + caseB).then().statusCode(404);
        assertThat(cases(b.get("id").asText(), heping)).isEmpty();
        as("official", heping).get(Platform.url("reporting-service") + "/api/v1/reports/summary?area=" + shenhe).then().statusCode(404);
        assertThat(get("household-service", "/api/v1/households?size=500", "caseworker", heping).get("items").findValuesAsText("id"))
                .contains(a.get("id").asText()).doesNotContain(b.get("id").asText());
        as("caseworker", "2101").get(Platform.url("household-service") + "/api/v1/households/" + b.get("id").asText()).then().statusCode(200);
        as("official", "2101").get(Platform.url("reporting-service") + "/api/v1/reports/summary?area=" + shenhe).then().statusCode(200);
    }

    @Test
    @Order(6)
    void theDemoLoaderFillsACityOnceAndItsOverdueCasesReachTheInbox() throws Exception {
        long before = get("household-service", "/api/v1/households?size=1", "caseworker", "2101").get("total").asLong();

        assertThat(runDemo(40)).isZero();
        long after = get("household-service", "/api/v1/households?size=1", "caseworker", "2101").get("total").asLong();
        assertThat(after - before).isBetween(35L, 40L); // a generated ID may collide with an earlier one: that household is skipped

        assertThat(runDemo(40)).isZero();
        assertThat(get("household-service", "/api/v1/households?size=1", "caseworker", "2101").get("total").asLong()).isEqualTo(after);
        await().atMost(WAIT).until(() -> get("deadline-monitor", "/api/v1/escalations?level=CITY&size=1", "supervisor", "2101")
                .get("total").asLong() > 0);
        await().atMost(WAIT).until(() -> get("reporting-service", "/api/v1/reports/summary?area=2101", "official", "2101")
                .get("total").get("figures").get("zeroEmploymentNow").asLong() > 0);
    }

    private static int runDemo(int households) throws IOException, InterruptedException {
        Process demo = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", Platform.ROOT.resolve("tools/demo/Demo.java").toString(),
                Platform.ROOT.toString(), String.valueOf(households), "18081")
                .redirectErrorStream(true).redirectOutput(Platform.ROOT.resolve("e2e/target/services/demo.log").toFile()).start();
        assertThat(demo.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).as("demo loader finished").isTrue();
        return demo.exitValue();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    @Test
    @Order(7)
    void aHouseholdIsFoundVerifiedReviewedPostedConfirmedAndPlacedAndCountedOnceAsIdentified() {
        String district = "210123";
        LocalDate today = today();
        JsonNode before = reportTotals(district, today);
        LocalDate birth = today.minusYears(47);
        String nationalId = nationalId(district, birth, true);
        JsonNode household = register(district, List.of(member(nationalId, birth, true, "EMPLOYED_STABLE")));
        String id = household.get("id").asText();
        LocalDate since = today.minusDays(15);
        assertThat(reportByHttp("unemployment", nationalId, district, since, UUID.randomUUID().toString())).isEqualTo("ACCEPTED");
        awaitCase(id, district, "OPEN");

        // 认定, as the community, the street office and the district record it (dates as on paper)
        String identification = get("household-service", "/api/v1/households/" + id + "/identifications", "caseworker", district)
                .get(0).get("id").asText();
        identificationStep(identification, "verification", "caseworker", district, "e2e-caseworker-" + district,
                Map.of("confirmed", true, "method", "VISIT", "on", since.plusDays(1).toString(), "findings", "入户核实：户主失业"));
        identificationStep(identification, "review", "supervisor", district, "e2e-street-" + district, Map.of("approved", true,
                "on", since.plusDays(2).toString(), "postingStartsOn", since.plusDays(3).toString(), "postingEndsOn", since.plusDays(7).toString()));
        identificationStep(identification, "posting-completion", "caseworker", district, "e2e-caseworker-" + district,
                Map.of("on", since.plusDays(8).toString()));
        JsonNode confirmed = identificationStep(identification, "confirmation", "supervisor", district, "e2e-district-" + district,
                Map.of("confirmed", true, "on", since.plusDays(9).toString()));
        assertThat(confirmed.get("ledgerNumber").asText()).startsWith(district + "-" + since.plusDays(9).getYear() + "-");

        // The case shows each stage; then a placement closes it in time
        await().atMost(WAIT).until(() -> "CONFIRMED".equals(awaitCase(id, district, "OPEN").path("identificationStage").asText()));
        String post = post(district, "PUBLIC_WELFARE", "社区保洁员", List.of());
        await().atMost(WAIT).until(() -> suggestionsOf(id, district).contains(post));
        String offer = as("placement-officer", district).body(Map.of("memberId", household.get("members").get(0).get("id").asText(),
                "postId", post)).post(Platform.url("placement-service") + "/api/v1/offers").then().statusCode(201).extract().path("id");
        as("placement-officer", district).body(Map.of()).post(Platform.url("placement-service") + "/api/v1/offers/" + offer + "/accept")
                .then().statusCode(201);
        JsonNode closed = awaitCase(id, district, "CLOSED");
        assertThat(closed.get("outcome").asText()).isEqualTo("MET");
        assertThat(closed.get("identificationStage").asText()).isEqualTo("CONFIRMED");
        List<String> timeline = new ArrayList<>();
        closed.get("timeline").forEach(e -> timeline.add(e.get("type").asText() + (e.get("detail").hasNonNull("outcome")
                ? " " + e.get("detail").get("outcome").asText() : "")));
        assertThat(timeline).containsSubsequence("OPENED", "IDENTIFICATION_OPENED", "IDENTIFICATION_STEP_COMPLETED VERIFIED",
                "IDENTIFICATION_STEP_COMPLETED REVIEW_APPROVED", "IDENTIFICATION_STEP_COMPLETED POSTING_COMPLETED",
                "IDENTIFICATION_CONFIRMED", "CLOSED MET");

        // Counted once as found, once as identified
        await().atMost(WAIT).until(() -> reportTotals(district, today).get("newlyIdentified").asLong()
                == before.get("newlyIdentified").asLong() + 1);
        JsonNode after = reportTotals(district, today);
        assertThat(after.get("newlyDetected").asLong()).isEqualTo(before.get("newlyDetected").asLong() + 1);
        assertThat(after.get("closedMet").asLong()).isEqualTo(before.get("closedMet").asLong() + 1);
    }

    /** A step of an identification, by {@code subject} of {@code role} in {@code district}; returns the identification. */
    private static JsonNode identificationStep(String identification, String step, String role, String district, String subject,
            Map<String, Object> body) {
        return Households.json(io.restassured.RestAssured.given().header("Authorization", Platform.bearer(role, district, subject))
                .contentType("application/json").body(Households.write(body))
                .post(Platform.url("household-service") + "/api/v1/identifications/" + identification + "/" + step)
                .then().statusCode(200).extract().asString());
    }

    private static String status(String household, String district) {
        return get("household-service", "/api/v1/households/" + household, "caseworker", district).get("status").asText();
    }

    private static String memberStatusSince(String household, String district, LocalDate birth) {
        for (JsonNode m : get("household-service", "/api/v1/households/" + household, "caseworker", district).get("members")) {
            if (m.get("birthDate").asText().equals(birth.toString())) {
                return m.get("statusSince").asText();
            }
        }
        return "";
    }

    private static String memberId(JsonNode household, LocalDate birth) {
        for (JsonNode m : household.get("members")) {
            if (m.get("birthDate").asText().equals(birth.toString())) {
                return m.get("id").asText();
            }
        }
        throw new AssertionError("no member born " + birth);
    }

    private static List<JsonNode> cases(String household, String district) {
        List<JsonNode> found = new ArrayList<>();
        get("deadline-monitor", "/api/v1/cases?size=500", "supervisor", district).get("items").forEach(c -> {
            if (c.get("householdId").asText().equals(household)) {
                found.add(c);
            }
        });
        return found;
    }

    private static JsonNode awaitCase(String household, String district, String status) {
        Supplier<JsonNode> find = () -> cases(household, district).stream().filter(c -> c.get("status").asText().equals(status))
                .reduce((first, later) -> later).orElse(null);
        await().atMost(WAIT).until(() -> find.get() != null);
        return get("deadline-monitor", "/api/v1/cases/" + find.get().get("id").asText(), "supervisor", district);
    }

    /** The levels of the ladder's alerts of a case in the supervisors' inbox (missed identification sub-deadlines apart). */
    private static List<String> inboxLevels(String caseId, String district) {
        List<String> levels = new ArrayList<>();
        get("deadline-monitor", "/api/v1/escalations?size=500", "supervisor", district).get("items").forEach(e -> {
            if (e.get("caseId").asText().equals(caseId) && !e.hasNonNull("identificationStage")) {
                levels.add(e.get("level").asText());
            }
        });
        return levels;
    }

    private static List<String> levelsReceived(List<String> received, String household) {
        return received.stream().filter(r -> r.contains(household)).map(r -> r.substring(r.lastIndexOf(' ') + 1)).toList();
    }

    /** The posts suggested for a household; none while placement-service has not yet made its members candidates (404). */
    private static List<String> suggestionsOf(String household, String district) {
        var answer = as("placement-officer", district).get(Platform.url("placement-service") + "/api/v1/households/" + household
                + "/suggestions");
        if (answer.statusCode() == 404) {
            return List.of();
        }
        return Households.json(answer.then().statusCode(200).extract().asString()).findValuesAsText("postId");
    }

    private static String post(String district, String kind, String title, List<String> skills) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", kind, "employer", "沈阳市人力资源服务中心", "districtCode", district,
                "title", title, "monthlyWage", 3200, "openings", 5, "socialInsurancePaid", true, "skills", skills));
        if (!kind.equals("FLEXIBLE")) {
            body.put("contractMonths", 12);
        }
        if (kind.equals("PUBLIC_WELFARE")) {
            body.put("funding", Map.of("budget", "EMPLOYMENT_FUND", "monthlyPostSubsidy", 1500, "monthlySocialInsuranceSubsidy", 600));
        }
        return as("placement-officer", district).body(body).post(Platform.url("placement-service") + "/api/v1/posts")
                .then().statusCode(201).extract().path("id");
    }

    private static JsonNode reportTotals(String district, LocalDate today) {
        return get("reporting-service", "/api/v1/reports/summary?area=" + district + "&from=" + today.minusDays(400) + "&to="
                + today.plusDays(400), "official", district).get("total").get("figures");
    }
}
