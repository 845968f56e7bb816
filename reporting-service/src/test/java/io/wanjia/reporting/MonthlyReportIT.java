package io.wanjia.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.Gender;
import io.wanjia.contracts.JobKind;
import io.wanjia.contracts.escalation.CaseClockStarted;
import io.wanjia.contracts.escalation.CaseClosed;
import io.wanjia.contracts.escalation.CaseOpened;
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.ZeroEmploymentEnded;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.contracts.placement.MemberPlaced;
import io.wanjia.contracts.placement.PlacementEnded;
import io.wanjia.contracts.placement.TrainingCompleted;
import io.wanjia.contracts.placement.TrainingReferred;
import io.wanjia.reporting.domain.Figure;

/**
 * The monthly statistical table (月报) of 葫芦岛市 (2114, written by no other test) for a 31-day month of its own: a fixed
 * set of events, and the table computed by hand below — every figure of every row, the same after a rebuild. Stock
 * figures are as of the month's last day: a household placed two days after it still counts as zero-employment in it
 * (and one another run left open before this month counts too: those are read before and added).
 */
@QuarkusTest
class MonthlyReportIT {

    private static final String HULUDAO = "2114", LIANSHAN = "211402", LONGGANG = "211403";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    KafkaTestClient kafka;
    YearMonth month;
    LocalDate first, last;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        // A 31-day month between 1950 and 1989, before any other test's window (ReportingFixtures: from 1990)
        int[] longMonths = {1, 3, 5, 7, 8, 10, 12};
        month = YearMonth.of(ThreadLocalRandom.current().nextInt(1950, 1990), longMonths[ThreadLocalRandom.current().nextInt(longMonths.length)]);
        first = month.atDay(1);
        last = month.atEndOfMonth();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void shouldMatchTheTableComputedByHandForAFixedSetOfEvents() throws IOException {
        // Households other runs of this test on this machine left zero-employment (in a month before this one) are in the
        // stock figures at this month's end: they are read first and added (none on a fresh database, as in CI).
        ReportingFixtures.awaitCaughtUp(kafka);
        JsonNode before = monthly();
        publishTheMonth();

        Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
        expected.put(HULUDAO, row(Map.of("zeroEmploymentNow", 3, "newlyDetected", 5, "eliminated", 2, "openAwaitingConfirmation", 1, "exited", 1, "closedMet", 1,
                "closedWithdrawn", 1, "shareWithinDeadline", 1.0, "medianDaysToPlacement", 6.0, "meanDaysToPlacement", 6.0),
                Map.of("placementsEnterprise", 1, "membersPlaced", 3, "socialInsuranceResumed", 2, "openDays11to15", 1, "openDays16to18", 1,
                        "trainingReferrals", 2, "trainingCompletions", 1, "zeroEmploymentNowShantytown", 1, "medianDaysEnterprise", 6.0),
                Map.of("placementsPublicWelfare", 2, "publicWelfarePostsHeld", 1, "publicWelfareMonthlyCost", 1780.5,
                        "doubleEmploymentTargetsMet", 1, "unstableToStableTargetsOpen", 1, "graduateTargetsMet", 1, "graduateTargetsOpen", 1)));
        // 连山区: H1 found on the 3rd, placed in an enterprise job on the 8th (day 6, MET, with social insurance); H2 (relocated
        // shantytown residents) found on the 16th, open on the 31st (day 16), referred to a course on the 17th that H2's member
        // completed on the 21st, then placed on the 22nd in a public-welfare post (subsidies 1,500 + 280.50 a month) held until
        // the 10th of next month
        expected.put(LIANSHAN, row(Map.of("zeroEmploymentNow", 1, "newlyDetected", 2, "eliminated", 1, "closedMet", 1,
                "shareWithinDeadline", 1.0, "medianDaysToPlacement", 6.0, "meanDaysToPlacement", 6.0, "placementsEnterprise", 1,
                "membersPlaced", 2, "socialInsuranceResumed", 2), Map.of("openDays16to18", 1, "trainingReferrals", 1, "trainingCompletions", 1,
                "zeroEmploymentNowShantytown", 1, "medianDaysEnterprise", 6.0),
                Map.of("placementsPublicWelfare", 1, "publicWelfarePostsHeld", 1, "publicWelfareMonthlyCost", 1780.5)));
        // 龙港区: H3 found on the 2nd, exited on the 5th (case withdrawn); H4 found on the 21st, open on the 31st (day 11),
        // placed on the 2nd of next month; H5 found last month, employed elsewhere on the 4th; H7 found on the 26th under a
        // policy whose clock starts at confirmation, confirmed on the 3rd of next month: awaiting on the 31st; H4's member
        // referred to a course on the 22nd, dropped out on the 24th (a referral, no completion); H8's second-stage targets:
        // 双就业 opened on the 10th and met on the 20th, unstable → stable opened on the 28th and met late next month (neither
        // is a case of the promise); H9's member in a public-welfare post from the 4th to the 13th (its end told twice):
        // placed, but no post held on the 31st; H9's graduates: one placed in time on the 16th, one open on the 31st
        expected.put(LONGGANG, row(Map.of("zeroEmploymentNow", 2, "newlyDetected", 3, "eliminated", 1, "exited", 1,
                "closedWithdrawn", 1, "openDays11to15", 1, "openAwaitingConfirmation", 1), Map.of("trainingReferrals", 1,
                "doubleEmploymentTargetsMet", 1, "unstableToStableTargetsOpen", 1, "placementsPublicWelfare", 1, "membersPlaced", 1,
                "graduateTargetsMet", 1, "graduateTargetsOpen", 1)));

        JsonNode table = await().atMost(Duration.ofSeconds(30)).until(this::monthly,
                t -> t.path("rows").size() == 3 && t.path("rows").get(0).path("figures").path("newlyDetected").asLong() == 5
                        && t.path("rows").get(0).path("figures").path("openAwaitingConfirmation").asLong() == 1
                        && t.path("rows").get(0).path("figures").path("trainingCompletions").asLong() == 1
                        && t.path("rows").get(2).path("figures").path("trainingReferrals").asLong() == 1
                        && t.path("rows").get(0).path("figures").path("eliminated").asLong() == 2
                        && t.path("rows").get(2).path("figures").path("closedWithdrawn").asLong() == 1
                        && t.path("rows").get(1).path("figures").path("publicWelfarePostsHeld").asLong() >= 1
                        && t.path("rows").get(2).path("figures").path("doubleEmploymentTargetsMet").asLong() == 1
                        && t.path("rows").get(2).path("figures").path("unstableToStableTargetsOpen").asLong() >= 1
                        && t.path("rows").get(2).path("figures").path("graduateTargetsMet").asLong() == 1
                        && t.path("rows").get(2).path("figures").path("placementsPublicWelfare").asLong() == 1);
        assertThat(table.get("asOf").asText()).isEqualTo(last.toString());
        List<String> areas = new ArrayList<>();
        table.get("rows").forEach(r -> areas.add(r.get("area").asText()));
        assertThat(areas).as("the city's subtotal, then its districts").containsExactly(HULUDAO, LIANSHAN, LONGGANG);
        for (JsonNode row : table.get("rows")) {
            Map<String, Object> want = expected.get(row.get("area").asText());
            for (Figure figure : Figure.values()) {
                JsonNode got = row.get("figures").get(figure.key());
                Object value = want.get(figure.key());
                if (STOCK.contains(figure)) {
                    double was = stockBefore(before, row.get("area").asText(), figure);
                    value = value instanceof Double d ? (Object) (d + was) : (Object) (((Number) value).longValue() + (long) was);
                }
                String what = row.get("area").asText() + " " + figure.key();
                if (value == null) {
                    assertThat(got.isNull()).as(what + " (none)").isTrue();
                } else if (value instanceof Double d) {
                    assertThat(got.asDouble()).as(what).isEqualTo(d);
                } else {
                    assertThat(got.asLong()).as(what).isEqualTo(((Number) value).longValue());
                }
            }
        }

        // Reproducible: rebuilt from the topics, the month's table is the same.
        int previous = table.get("generation").asInt();
        given().header("Authorization", Tokens.bearer("admin", "21")).post("/api/v1/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(120)).until(() -> monthly().get("generation").asInt() > previous);
        assertThat(monthly().get("rows")).isEqualTo(table.get("rows"));

        byte[] xlsx = given().header("Authorization", Tokens.bearer("official", HULUDAO)).queryParam("month", month.toString())
                .queryParam("lang", "en").get("/api/v1/reports/monthly.xlsx").then().statusCode(200).extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo(HULUDAO);
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo(LONGGANG);
            assertThat(sheet.getRow(3).getCell(2 + Figure.EXITED.ordinal()).getNumericCellValue()).isEqualTo(1.0);
            assertThat(sheet.getRow(5).getCell(0).getStringCellValue()).contains("monthly report").contains(last.toString());
        }
        String csv = given().header("Authorization", Tokens.bearer("official", HULUDAO)).queryParam("month", month.toString())
                .get("/api/v1/reports/monthly.csv").then().statusCode(200).extract().asString();
        assertThat(csv).contains("连山区").contains("零就业家庭就业援助月报");

        given().header("Authorization", Tokens.bearer("official", LIANSHAN)).queryParam("month", month.toString()).queryParam("area", HULUDAO)
                .get("/api/v1/reports/monthly").then().statusCode(404);
        given().header("Authorization", Tokens.bearer("official", HULUDAO)).queryParam("month", "2026-13")
                .get("/api/v1/reports/monthly").then().statusCode(400);
    }

    /** The figures that are a state on the month's last day. */
    private static final List<Figure> STOCK = List.of(Figure.ZERO_EMPLOYMENT_NOW, Figure.ZERO_EMPLOYMENT_NOW_SHANTYTOWN,
            Figure.ZERO_EMPLOYMENT_NOW_GRADUATE_FAMILY, Figure.OPEN_AWAITING_CONFIRMATION, Figure.OPEN_DAYS_0_10, Figure.OPEN_DAYS_11_15,
            Figure.OPEN_DAYS_16_18, Figure.OPEN_DAYS_19_20, Figure.OPEN_OVERDUE, Figure.DOUBLE_EMPLOYMENT_HOUSEHOLDS,
            Figure.PUBLIC_WELFARE_POSTS_HELD, Figure.PUBLIC_WELFARE_MONTHLY_COST, Figure.GRADUATE_TARGETS_OPEN,
            Figure.DOUBLE_EMPLOYMENT_TARGETS_OPEN, Figure.UNSTABLE_TO_STABLE_TARGETS_OPEN);

    private static double stockBefore(JsonNode before, String area, Figure figure) {
        for (JsonNode row : before.get("rows")) {
            if (row.get("area").asText().equals(area)) {
                return row.get("figures").path(figure.key()).asDouble();
            }
        }
        return 0;
    }

    /** Every figure zero, or none where nothing was placed, but those given. */
    @SafeVarargs
    private static Map<String, Object> row(Map<String, Object>... given) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Figure figure : Figure.values()) {
            row.put(figure.key(), figure.averaged() ? null : 0L);
        }
        for (Map<String, Object> figures : given) {
            row.putAll(figures);
        }
        return row;
    }

    private JsonNode monthly() throws IOException {
        return ReportingFixtures.JSON.readTree(given().header("Authorization", Tokens.bearer("official", HULUDAO))
                .queryParam("month", month.toString()).get("/api/v1/reports/monthly").then().statusCode(200).extract().asString());
    }

    private void publishTheMonth() throws IOException {
        UUID h1 = UUID.randomUUID(), h2 = UUID.randomUUID(), h3 = UUID.randomUUID(), h4 = UUID.randomUUID(), h5 = UUID.randomUUID();
        UUID c1 = UUID.randomUUID(), c2 = UUID.randomUUID(), c3 = UUID.randomUUID(), c4 = UUID.randomUUID();
        started(h1, LIANSHAN, first.plusDays(2));
        opened(c1, h1, LIANSHAN, first.plusDays(2));
        publish(h1, new MemberPlaced(UUID.randomUUID(), h1, LIANSHAN, UUID.randomUUID(), UUID.randomUUID(), JobKind.ENTERPRISE,
                "葫芦岛锌业", first.plusDays(7), new BigDecimal("3100"), 12, true, false));
        publish(h1, new ZeroEmploymentEnded(h1, LIANSHAN, ZeroEmploymentEnded.Reason.PLACED, first.plusDays(7)));
        publish(h1, new CaseClosed(c1, h1, LIANSHAN, "MET", first.plusDays(7), 6, null, "ENTERPRISE"));

        started(h2, LIANSHAN, first.plusDays(15), "SHANTYTOWN_RELOCATION");
        opened(c2, h2, LIANSHAN, first.plusDays(15));

        UUID course = UUID.randomUUID(), r2 = UUID.randomUUID(), r4 = UUID.randomUUID(), m2 = UUID.randomUUID(), m4 = UUID.randomUUID();
        publish(h2, new TrainingReferred(r2, h2, LIANSHAN, m2, course, "elderly-care", first.plusDays(16), first.plusDays(20), first.plusDays(16)));
        publish(h2, new TrainingCompleted(r2, h2, LIANSHAN, m2, course, "elderly-care", TrainingCompleted.Outcome.COMPLETED,
                first.plusDays(16), first.plusDays(20)));
        UUID p2 = UUID.randomUUID();
        publish(h2, new MemberPlaced(p2, h2, LIANSHAN, m2, UUID.randomUUID(), JobKind.PUBLIC_WELFARE, "连山区社区服务中心",
                first.plusDays(21), new BigDecimal("2000"), 12, true, false, new BigDecimal("1500"), new BigDecimal("280.50")));
        publish(h2, new PlacementEnded(p2, h2, LIANSHAN, m2, last.plusDays(10), "contract ended"));
        publish(h4, new TrainingReferred(r4, h4, LONGGANG, m4, course, "elderly-care", first.plusDays(21), first.plusDays(40), first.plusDays(21)));
        publish(h4, new TrainingCompleted(r4, h4, LONGGANG, m4, course, "elderly-care", TrainingCompleted.Outcome.DROPPED_OUT,
                first.plusDays(21), first.plusDays(23)));

        started(h3, LONGGANG, first.plusDays(1));
        opened(c3, h3, LONGGANG, first.plusDays(1));
        publish(h3, new ZeroEmploymentEnded(h3, LONGGANG, ZeroEmploymentEnded.Reason.EXITED, first.plusDays(4)));
        publish(h3, new CaseClosed(c3, h3, LONGGANG, "WITHDRAWN", first.plusDays(4), 4));

        started(h4, LONGGANG, first.plusDays(20));
        opened(c4, h4, LONGGANG, first.plusDays(20));
        publish(h4, new ZeroEmploymentEnded(h4, LONGGANG, ZeroEmploymentEnded.Reason.PLACED, last.plusDays(2)));
        publish(h4, new CaseClosed(c4, h4, LONGGANG, "MET", last.plusDays(2), 13));

        // H2 leaves after the month too, so that no household of this test is zero-employment in another run's month
        publish(h2, new ZeroEmploymentEnded(h2, LIANSHAN, ZeroEmploymentEnded.Reason.PLACED, last.plusDays(3)));
        publish(h2, new CaseClosed(c2, h2, LIANSHAN, "MET", last.plusDays(3), 19));

        UUID h7 = UUID.randomUUID(), c7 = UUID.randomUUID();
        started(h7, LONGGANG, first.plusDays(25));
        publish(h7, new CaseOpened(c7, h7, LONGGANG, first.plusDays(25), null, 20, "CALENDAR", "STANDARD", null));
        publish(h7, new CaseClockStarted(c7, h7, LONGGANG, last.plusDays(3), last.plusDays(23).atStartOfDay(SHANGHAI).toInstant(), 20,
                "CALENDAR"));
        publish(h7, new ZeroEmploymentEnded(h7, LONGGANG, ZeroEmploymentEnded.Reason.PLACED, last.plusDays(5)));
        publish(h7, new CaseClosed(c7, h7, LONGGANG, "MET", last.plusDays(5), 3));

        UUID h8 = UUID.randomUUID(), double8 = UUID.randomUUID(), stable8 = UUID.randomUUID();
        publish(h8, new CaseOpened(double8, h8, LONGGANG, first.plusDays(9), first.plusDays(69).atStartOfDay(SHANGHAI).toInstant(), 60,
                "CALENDAR", "STANDARD", first.plusDays(9), "DOUBLE_EMPLOYMENT", null));
        publish(h8, new CaseClosed(double8, h8, LONGGANG, "MET", first.plusDays(19), 11, "DOUBLE_EMPLOYMENT", null));
        publish(h8, new CaseOpened(stable8, h8, LONGGANG, first.plusDays(27), first.plusDays(30).atStartOfDay(SHANGHAI).toInstant(), 3,
                "CALENDAR", "STANDARD", first.plusDays(27), "UNSTABLE_TO_STABLE", UUID.randomUUID()));
        publish(h8, new CaseClosed(stable8, h8, LONGGANG, "MET_LATE", last.plusDays(4), 9, "UNSTABLE_TO_STABLE", null));

        UUID h9 = UUID.randomUUID(), p9 = UUID.randomUUID(), m9 = UUID.randomUUID();
        publish(h9, new MemberPlaced(p9, h9, LONGGANG, m9, UUID.randomUUID(), JobKind.PUBLIC_WELFARE, "龙港区环卫处", first.plusDays(3),
                new BigDecimal("1900"), 6, false, false, new BigDecimal("1000"), new BigDecimal("300")));
        publish(h9, new PlacementEnded(p9, h9, LONGGANG, m9, first.plusDays(12), "left"));
        publish(h9, new PlacementEnded(p9, h9, LONGGANG, m9, first.plusDays(14), "left (told again, later)"));
        UUID g1 = UUID.randomUUID(), g2 = UUID.randomUUID();
        publish(h9, new CaseOpened(g1, h9, LONGGANG, first.plusDays(4), first.plusDays(64).atStartOfDay(SHANGHAI).toInstant(), 60,
                "CALENDAR", "STANDARD", first.plusDays(4), "GRADUATE", UUID.randomUUID()));
        publish(h9, new CaseClosed(g1, h9, LONGGANG, "MET", first.plusDays(15), 12, "GRADUATE", "ENTERPRISE"));
        publish(h9, new CaseOpened(g2, h9, LONGGANG, first.plusDays(20), first.plusDays(80).atStartOfDay(SHANGHAI).toInstant(), 60,
                "CALENDAR", "STANDARD", first.plusDays(20), "GRADUATE", UUID.randomUUID()));
        publish(h9, new CaseClosed(g2, h9, LONGGANG, "MET_LATE", last.plusDays(70), 81, "GRADUATE", null));

        started(h5, LONGGANG, first.minusDays(10));
        publish(h5, new ZeroEmploymentEnded(h5, LONGGANG, ZeroEmploymentEnded.Reason.EMPLOYED_ELSEWHERE, first.plusDays(3)));
    }

    private void started(UUID household, String district, LocalDate since) throws IOException {
        started(household, district, since, "STANDARD");
    }

    private void started(UUID household, String district, LocalDate since, String cohort) throws IOException {
        publish(household, new ZeroEmploymentStarted(household, district, since, cohort,
                List.of(new Candidate(UUID.randomUUID(), 45, Gender.MALE, "JUNIOR_MIDDLE", List.of()))));
    }

    private void opened(UUID caseId, UUID household, String district, LocalDate since) throws IOException {
        publish(household, new CaseOpened(caseId, household, district, since, since.plusDays(20).atStartOfDay(SHANGHAI).toInstant(), 20,
                "CALENDAR", "STANDARD", since));
    }

    private void publish(UUID household, Record payload) throws IOException {
        EventType type = EventType.of(payload);
        kafka.send(type.topic(), household.toString(), ReportingFixtures.headers(type), ReportingFixtures.JSON.writeValueAsString(payload));
    }
}
