package io.wanjia.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.Gender;
import io.wanjia.contracts.JobKind;
import io.wanjia.contracts.escalation.CaseClosed;
import io.wanjia.contracts.escalation.CaseEscalated;
import io.wanjia.contracts.escalation.CaseOpened;
import io.wanjia.contracts.escalation.DeadlineBreached;
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.HouseholdRegistered;
import io.wanjia.contracts.household.LabourReportsReceived;
import io.wanjia.contracts.household.MemberChanged;
import io.wanjia.contracts.household.MemberSummary;
import io.wanjia.contracts.household.ZeroEmploymentEnded;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.contracts.placement.MemberPlaced;

/**
 * Figures from events: a known set of households in two districts of Dalian (210202 中山区, 210203 西岗区; no
 * other test writes there) gives exactly the figures computed here, for each district and the city; the same
 * events twice change nothing; the exports hold the same numbers; a rebuild gives the same figures.
 */
@QuarkusTest
class ReportingIT {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final String ZHONGSHAN = "210202";
    static final String XIGANG = "210203";
    static final String DALIAN = "2102";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    EntityManager em;
    KafkaTestClient kafka;
    /** Every record the scenario sent, to send again. */
    final List<Object[]> sent = new ArrayList<>();
    LocalDate base;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        base = ReportingFixtures.windowOfItsOwn();
        awaitCaughtUp();
    }

    @Test
    void shouldGiveExactlyTheExpectedFiguresPerDistrictAndCityAndIgnoreTheSameEventsTwice() throws IOException {
        JsonNode cityBefore = summary(DALIAN, "official", DALIAN);
        JsonNode zhongshanBefore = row(cityBefore, ZHONGSHAN);
        JsonNode xigangBefore = row(cityBefore, XIGANG);

        publishScenario();
        awaitCaughtUp();

        JsonNode city = summary(DALIAN, "official", DALIAN);
        assertFigures(row(city, ZHONGSHAN), zhongshanBefore, expectedZhongshan());
        assertFigures(row(city, XIGANG), xigangBefore, expectedXigang());
        assertFigures(city.get("total").get("figures"), cityBefore.get("total").get("figures"), expectedCity());
        assertThat(city.get("breakdown").findValuesAsText("name")).contains("中山区", "西岗区");
        assertXigangSeries();

        resendEverything();
        awaitCaughtUp();
        // Whether the counters' deltas are folded yet or not, the figures are the same.
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("SELECT count(*) FROM tally_delta").getSingleResult()).longValue() == 0));

        assertThat(summary(DALIAN, "official", DALIAN).get("total").get("figures")).isEqualTo(city.get("total").get("figures"));
    }

    @Test
    void shouldLetAnOfficialReadOnlyTheirArea() {
        given().header("Authorization", Tokens.bearer("official", ZHONGSHAN)).queryParam("area", XIGANG)
                .get("/api/v1/reports/summary").then().statusCode(404);
        given().header("Authorization", Tokens.bearer("official", ZHONGSHAN)).get("/api/v1/reports/summary")
                .then().statusCode(200).body("area", equalTo(ZHONGSHAN));
        given().header("Authorization", Tokens.bearer("official", DALIAN)).queryParam("area", XIGANG)
                .get("/api/v1/reports/summary").then().statusCode(200).body("area", equalTo(XIGANG));
        given().header("Authorization", Tokens.bearer("caseworker", DALIAN)).get("/api/v1/reports/summary").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("official", DALIAN)).queryParam("from", "2020-02-01").queryParam("to", "2020-01-01")
                .get("/api/v1/reports/summary").then().statusCode(400).body("field", equalTo("to"));
    }

    @Test
    void shouldExportTheSameNumbersAsXlsxAndCsv() throws IOException {
        publishScenario();
        awaitCaughtUp();
        JsonNode city = summary(DALIAN, "official", DALIAN);

        byte[] xlsx = given().header("Authorization", Tokens.bearer("official", DALIAN)).queryParams(period()).queryParam("lang", "en")
                .get("/api/v1/reports/summary.xlsx").then().statusCode(200).extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheet("Summary");
            Row header = sheet.getRow(0);
            assertThat(header.getCell(2).getStringCellValue()).isEqualTo("Zero-employment households now");
            Row total = sheet.getRow(1);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo(DALIAN);
            List<String> keys = new ArrayList<>();
            city.get("total").get("figures").fieldNames().forEachRemaining(keys::add);
            for (int i = 0; i < keys.size(); i++) {
                JsonNode expected = city.get("total").get("figures").get(keys.get(i));
                if (expected.isNull()) {
                    assertThat(total.getCell(i + 2).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.BLANK);
                } else {
                    assertThat(total.getCell(i + 2).getNumericCellValue()).as(keys.get(i)).isEqualTo(expected.asDouble());
                }
            }
            for (int r = 0; r < city.get("breakdown").size(); r++) {
                assertThat(sheet.getRow(r + 2).getCell(0).getStringCellValue()).isEqualTo(city.get("breakdown").get(r).get("area").asText());
            }
        }
        String csv = given().header("Authorization", Tokens.bearer("official", DALIAN)).queryParams(period())
                .get("/api/v1/reports/summary.csv").then().statusCode(200).extract().asString();
        assertThat(csv).contains("当前零就业家庭户数").contains(DALIAN + ",大连市," + city.get("total").get("figures").get("zeroEmploymentNow").asText());
    }

    /** The scenario's 西岗区 events by day: each figure on the day it happened, zero on the others. */
    private void assertXigangSeries() {
        JsonNode series = read(given().header("Authorization", Tokens.bearer("official", DALIAN)).queryParam("area", XIGANG)
                .queryParam("from", base.toString()).queryParam("to", base.plusDays(29).toString()).queryParam("granularity", "day")
                .get("/api/v1/reports/series").then().statusCode(200).extract().asString());
        assertThat(series).hasSize(30);
        Map<String, Map<String, Long>> expected = Map.of(
                base.toString(), Map.of("newlyDetected", 1L),
                base.plusDays(1).toString(), Map.of("labourReports", 1L),
                base.plusDays(20).toString(), Map.of("newlyDetected", 1L),
                base.plusDays(24).toString(), Map.of("eliminated", 1L, "closedMetLate", 1L, "membersPlaced", 1L),
                base.plusDays(26).toString(), Map.of("eliminated", 1L));
        for (JsonNode point : series) {
            Map<String, Long> day = expected.getOrDefault(point.get("period").asText(), Map.of());
            point.get("figures").fields().forEachRemaining(figure -> assertThat(figure.getValue().asLong())
                    .as(point.get("period").asText() + " " + figure.getKey()).isEqualTo(day.getOrDefault(figure.getKey(), 0L)));
        }
    }

    // ---------------------------------------------------------------------------------------------- scenario

    private void publishScenario() {
        // 中山区: H1 placed on day 6 (MET, enterprise); H2 still waiting, escalated to community and breached; H3 exited.
        UUID h1 = UUID.randomUUID(), h2 = UUID.randomUUID(), h3 = UUID.randomUUID(), h4 = UUID.randomUUID(), h5 = UUID.randomUUID();
        UUID c1 = UUID.randomUUID(), c2 = UUID.randomUUID(), c3 = UUID.randomUUID(), c4 = UUID.randomUUID();
        started(h1, ZHONGSHAN, base);
        opened(c1, h1, ZHONGSHAN, base);
        publish(h1, new MemberPlaced(UUID.randomUUID(), h1, ZHONGSHAN, UUID.randomUUID(), UUID.randomUUID(), JobKind.ENTERPRISE,
                "大连港", base.plusDays(5), new BigDecimal("3000"), 12, true, false));
        publish(h1, new ZeroEmploymentEnded(h1, ZHONGSHAN, ZeroEmploymentEnded.Reason.PLACED, base.plusDays(5)));
        publish(h1, new CaseClosed(c1, h1, ZHONGSHAN, "MET", base.plusDays(5), 6, null, "ENTERPRISE"));

        started(h2, ZHONGSHAN, base.plusDays(1), "SHANTYTOWN_RELOCATION");
        opened(c2, h2, ZHONGSHAN, base.plusDays(1));
        publish(h2, new CaseEscalated(c2, h2, ZHONGSHAN, 0, "COMMUNITY", 10, "caseworker", ZHONGSHAN, instant(base.plusDays(10))));
        publish(h2, new DeadlineBreached(c2, h2, ZHONGSHAN, 21, 0, "CITY", "supervisor", DALIAN, instant(base.plusDays(21))));

        started(h3, ZHONGSHAN, base.plusDays(2));
        opened(c3, h3, ZHONGSHAN, base.plusDays(2));
        publish(h3, new ZeroEmploymentEnded(h3, ZHONGSHAN, ZeroEmploymentEnded.Reason.EXITED, base.plusDays(3)));
        publish(h3, new CaseClosed(c3, h3, ZHONGSHAN, "WITHDRAWN", base.plusDays(3), 2));

        // 西岗区: H4 placed late on day 25 in a public-welfare post (no social insurance); H5 has two members in work but was
        // never zero-employment, one of them unstable (not 双就业); H6, found on day 21, gets a member into stable work elsewhere
        // on day 27 and a second on day 28 (双就业); one labour report taken in.
        started(h4, XIGANG, base);
        opened(c4, h4, XIGANG, base);
        publish(h4, new MemberPlaced(UUID.randomUUID(), h4, XIGANG, UUID.randomUUID(), UUID.randomUUID(), JobKind.PUBLIC_WELFARE,
                "西岗区环卫处", base.plusDays(24), new BigDecimal("2100"), 12, false, false, new BigDecimal("1500"), new BigDecimal("600")));
        publish(h4, new ZeroEmploymentEnded(h4, XIGANG, ZeroEmploymentEnded.Reason.PLACED, base.plusDays(24)));
        publish(h4, new CaseClosed(c4, h4, XIGANG, "MET_LATE", base.plusDays(24), 25, null, "PUBLIC_WELFARE"));
        publish(h5, new HouseholdRegistered(h5, XIGANG, "STANDARD", base, List.of(
                new MemberSummary(UUID.randomUUID(), 40, Gender.MALE, "EMPLOYED_STABLE", true),
                new MemberSummary(UUID.randomUUID(), 38, Gender.FEMALE, "EMPLOYED_UNSTABLE", true))));
        UUID h6 = UUID.randomUUID(), m61 = UUID.randomUUID(), m62 = UUID.randomUUID();
        started(h6, XIGANG, base.plusDays(20));
        publish(h6, new MemberChanged(h6, XIGANG, new MemberSummary(m61, 44, Gender.MALE, "EMPLOYED_STABLE", true), "CHANGED",
                "LABOUR_REPORT", base.plusDays(26)));
        publish(h6, new ZeroEmploymentEnded(h6, XIGANG, ZeroEmploymentEnded.Reason.EMPLOYED_ELSEWHERE, base.plusDays(26)));
        publish(h6, new CaseOpened(UUID.randomUUID(), h6, XIGANG, base.plusDays(26), instant(base.plusDays(86)), 60, "CALENDAR",
                "STANDARD", base.plusDays(26), "DOUBLE_EMPLOYMENT", null));
        publish(h6, new MemberChanged(h6, XIGANG, new MemberSummary(m62, 41, Gender.FEMALE, "EMPLOYED_STABLE", true), "CHANGED",
                "LABOUR_REPORT", base.plusDays(27)));
        publish(UUID.randomUUID(), new LabourReportsReceived(List.of(
                new LabourReportsReceived.Count(XIGANG, LabourReportsReceived.Kind.UNEMPLOYMENT, base.plusDays(1), 1))));
    }

    /** Period figures exactly; stock figures (now) as the change this scenario makes. */
    // H2 is a relocated shantytown household; H1's case was closed by an enterprise job, H4's by a public-welfare post (its
    // subsidies 1,500 + 600 a month, still held); H6 has a 双就业 target open (a second-stage case, not one of the promise).
    private Map<String, Object> expectedZhongshan() {
        return also(with(figures(1, 3, 1, 1, 0, 1, 1.0, 6.0, 6.0, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0, 0), 1, 0, 1),
                "medianDaysEnterprise", 6.0, "medianDaysPublicWelfare", null, "Δ zeroEmploymentNowShantytown", 1L);
    }

    private Map<String, Object> expectedXigang() {
        return also(with(figures(0, 2, 2, 0, 1, 0, 0.0, 25.0, 25.0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1), 0, 0, 0),
                "medianDaysPublicWelfare", 25.0, "medianDaysEnterprise", null, "Δ publicWelfarePostsHeld", 1L,
                "Δ publicWelfareMonthlyCost", 2100L, "Δ doubleEmploymentTargetsOpen", 1L);
    }

    private Map<String, Object> expectedCity() {
        return also(with(figures(1, 5, 3, 1, 1, 1, 0.5, 15.5, 15.5, 1, 1, 0, 0, 2, 1, 1, 0, 1, 1, 1), 1, 0, 1),
                "medianDaysEnterprise", 6.0, "medianDaysPublicWelfare", 25.0, "Δ zeroEmploymentNowShantytown", 1L,
                "Δ publicWelfarePostsHeld", 1L, "Δ publicWelfareMonthlyCost", 2100L, "Δ doubleEmploymentTargetsOpen", 1L);
    }

    /** {@code figures} and, in pairs, more names and values (issue #17: channels, cohorts, public-welfare posts, targets). */
    private static Map<String, Object> also(Map<String, Object> figures, Object... more) {
        for (int i = 0; i < more.length; i += 2) {
            figures.put((String) more[i], more[i + 1]);
        }
        return figures;
    }

    /** The ends that are not into work, and the members placed with social insurance (issue #17's definitions). */
    private static Map<String, Object> with(Map<String, Object> figures, long exited, long noLongerEligible, long insured) {
        figures.put("exited", exited);
        figures.put("noLongerEligible", noLongerEligible);
        figures.put("socialInsuranceResumed", insured);
        return figures;
    }

    private static Map<String, Object> figures(long zeroNowDelta, long newly, long eliminated, long met, long late, long withdrawn,
            Double share, Double median, Double mean, long publicWelfare, long enterprise, long self, long flexible, long members,
            long openOverdueDelta, long community, long district, long city, long doubleDelta, long reports) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Δ zeroEmploymentNow", zeroNowDelta);
        f.put("newlyDetected", newly);
        f.put("eliminated", eliminated);
        f.put("closedMet", met);
        f.put("closedMetLate", late);
        f.put("closedWithdrawn", withdrawn);
        f.put("shareWithinDeadline", share);
        f.put("medianDaysToPlacement", median);
        f.put("meanDaysToPlacement", mean);
        f.put("placementsPublicWelfare", publicWelfare);
        f.put("placementsEnterprise", enterprise);
        f.put("placementsSelfEmployment", self);
        f.put("placementsFlexible", flexible);
        f.put("membersPlaced", members);
        f.put("Δ openOverdue", openOverdueDelta);
        f.put("escalationsCommunity", community);
        f.put("escalationsDistrict", district);
        f.put("escalationsCity", city);
        f.put("Δ doubleEmploymentHouseholds", doubleDelta);
        f.put("labourReports", reports);
        return f;
    }

    private static void assertFigures(JsonNode after, JsonNode before, Map<String, Object> expected) {
        expected.forEach((name, value) -> {
            if (name.startsWith("Δ ")) {
                String key = name.substring(2);
                long was = before == null || before.get(key) == null ? 0 : before.get(key).asLong();
                assertThat(after.get(key).asLong() - was).as(key + " (change)").isEqualTo(value);
            } else if (value == null) {
                assertThat(after.get(name).isNull()).as(name + " (none)").isTrue();
            } else if (value instanceof Double d) {
                assertThat(after.get(name).asDouble()).as(name).isEqualTo(d);
            } else {
                assertThat(after.get(name).asLong()).as(name).isEqualTo(value);
            }
        });
    }

    private void started(UUID household, String district, LocalDate since) {
        started(household, district, since, "STANDARD");
    }

    private void started(UUID household, String district, LocalDate since, String cohort) {
        publish(household, new ZeroEmploymentStarted(household, district, since, cohort,
                List.of(new Candidate(UUID.randomUUID(), 45, Gender.MALE, "JUNIOR_MIDDLE", List.of()))));
    }

    private void opened(UUID caseId, UUID household, String district, LocalDate since) {
        publish(household, new CaseOpened(caseId, household, district, since, instant(since.plusDays(20)), 20, "CALENDAR", "STANDARD", since));
    }

    private static Instant instant(LocalDate date) {
        return date.atStartOfDay(SHANGHAI).toInstant();
    }

    private void publish(UUID household, Record payload) {
        EventType type = EventType.of(payload);
        Map<String, String> headers = ReportingFixtures.headers(type);
        String value;
        try {
            value = JSON.writeValueAsString(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        kafka.send(type.topic(), household.toString(), headers, value);
        sent.add(new Object[] {type.topic(), household.toString(), headers, value});
    }

    @SuppressWarnings("unchecked")
    private void resendEverything() {
        for (Object[] record : sent) {
            kafka.send((String) record[0], (String) record[1], (Map<String, String>) record[2], (String) record[3]);
        }
    }

    // ------------------------------------------------------------------------------------------------ reads

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> period() {
        return Map.of("from", base.toString(), "to", base.plusDays(29).toString());
    }

    JsonNode summary(String area, String role, String tokenArea) {
        String body = given().header("Authorization", Tokens.bearer(role, tokenArea)).queryParam("area", area).queryParams(period())
                .get("/api/v1/reports/summary").then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode row(JsonNode summary, String area) {
        for (JsonNode row : summary.get("breakdown")) {
            if (row.get("area").asText().equals(area)) {
                return row.get("figures");
            }
        }
        return JSON.createObjectNode(); // no row yet: every figure counts from zero
    }

    void awaitCaughtUp() {
        ReportingFixtures.awaitCaughtUp(kafka);
    }
}
