package io.wanjia.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.HeadlessBrowser;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.Gender;
import io.wanjia.contracts.JobKind;
import io.wanjia.contracts.escalation.CaseClosed;
import io.wanjia.contracts.escalation.CaseOpened;
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.ZeroEmploymentEnded;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.contracts.placement.MemberPlaced;

/**
 * The dashboard's charts in a real headless browser: an area without figures says "no data" in every chart, in the page's
 * language, and never draws a pie of equal slices; with figures, the cohorts, targets and channels charts draw the API's.
 */
@QuarkusTest
class DashboardChartsIT {

    /** 瓦房店市: no test writes there, so it has no figures, stock or period. */
    private static final String WAFANGDIAN = "210281";
    /** 长海县: this test's own district; its stock grows with every run, its period figures are the window's own. */
    private static final String CHANGHAI = "210224";
    private static final List<String> CHARTS = List.of("openChart", "trendChart", "kindChart", "cohortChart", "targetChart", "channelChart");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    KafkaTestClient kafka;
    LocalDate base;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        base = ReportingFixtures.windowOfItsOwn();
        ReportingFixtures.awaitCaughtUp(kafka);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void shouldSayNoDataInEveryChartOfAnAreaWithoutFiguresInBothLanguages() throws Exception {
        JsonNode figures = ReportingFixtures.totals(WAFANGDIAN, base);
        figures.fields().forEachRemaining(figure -> assertThat(figure.getValue().isNull() || figure.getValue().asDouble() == 0)
                .as("%s of %s (no test may write there)", figure.getKey(), WAFANGDIAN).isTrue());

        try (HeadlessBrowser browser = HeadlessBrowser.start()) {
            load(browser, WAFANGDIAN);
            for (String chart : CHARTS) {
                assertSaysNoData(browser, chart, "暂无数据");
            }
            browser.evaluate("document.getElementById('lang').click(); true");
            for (String chart : CHARTS) {
                assertSaysNoData(browser, chart, "No data");
            }
            assertThat(browser.evaluate("[...document.querySelectorAll('h1, h2, .card .label, th, #status')].map(e => e.textContent).join(' | ')")
                    .asText()).as("the page in English").startsWith("Zero-employment household assistance").contains("updated")
                    .doesNotContainPattern("\\p{IsHan}");
            browser.screenshot(Path.of("target", "dashboard-no-data.png").toAbsolutePath());
        }
    }

    @Test
    void shouldDrawTheCohortsTargetsAndChannelsOfTheApisFigures() throws Exception {
        JsonNode before = ReportingFixtures.totals(CHANGHAI, base);
        publishScenario();
        ReportingFixtures.awaitCaughtUp(kafka);
        JsonNode after = ReportingFixtures.totals(CHANGHAI, base);

        // The scenario's part of the figures: stock as the change it makes, the window's period figures exactly.
        assertThat(change(before, after, "zeroEmploymentNow")).isEqualTo(2);
        assertThat(change(before, after, "zeroEmploymentNowShantytown")).isEqualTo(1);
        assertThat(change(before, after, "zeroEmploymentNowGraduateFamily")).isZero();
        assertThat(change(before, after, "doubleEmploymentTargetsOpen")).isEqualTo(1);
        assertThat(change(before, after, "publicWelfarePostsHeld")).isEqualTo(1);
        assertThat(figure(after, "doubleEmploymentTargetsMet").asLong()).isEqualTo(1);
        assertThat(figure(after, "unstableToStableTargetsMetLate").asLong()).isEqualTo(1);
        assertThat(figure(after, "medianDaysPublicWelfare").asDouble()).isEqualTo(6.0);

        try (HeadlessBrowser browser = HeadlessBrowser.start()) {
            load(browser, CHANGHAI);

            JsonNode cohorts = option(browser, "cohortChart").get("series").get(0);
            assertThat(cohorts.get("type").asText()).isEqualTo("pie");
            assertThat(cohorts.get("data").findValuesAsText("name")).containsExactly("普通", "棚改回迁", "大中专毕业生家庭");
            long shantytown = figure(after, "zeroEmploymentNowShantytown").asLong();
            long graduates = figure(after, "zeroEmploymentNowGraduateFamily").asLong();
            assertThat(numbers(cohorts.get("data").findValues("value"))).containsExactly(
                    figure(after, "zeroEmploymentNow").asDouble() - shantytown - graduates, (double) shantytown, (double) graduates);

            JsonNode targets = option(browser, "targetChart");
            assertThat(texts(targets.get("xAxis").get(0).get("data"))).containsExactly("大中专毕业生", "双就业", "不稳定转稳定");
            assertThat(targets.get("series").findValuesAsText("name")).containsExactly("在办", "按期实现", "超期实现");
            List<String> states = List.of("Open", "Met", "MetLate");
            for (int s = 0; s < states.size(); s++) {
                List<Double> expected = new ArrayList<>();
                for (String target : List.of("graduateTargets", "doubleEmploymentTargets", "unstableToStableTargets")) {
                    expected.add(figure(after, target + states.get(s)).asDouble());
                }
                assertThat(numbers(targets.get("series").get(s).get("data"))).as(states.get(s)).isEqualTo(expected);
            }

            JsonNode channels = option(browser, "channelChart").get("series").get(0).get("data");
            assertThat(texts(channels)).containsExactly("6", "-", "-", "-");
            assertThat(browser.evaluate("document.getElementById('cohortChart').dataset.empty").asText()).isEqualTo("false");
            assertThat(browser.evaluate("document.querySelector('[data-figure=publicWelfareMonthlyCost]').textContent").asText())
                    .isEqualTo(String.format(java.util.Locale.ROOT, "¥%,.2f", figure(after, "publicWelfareMonthlyCost").decimalValue()));

            browser.screenshot(Path.of("target", "dashboard-charts.png").toAbsolutePath());

            browser.evaluate("document.getElementById('lang').click(); true");
            assertThat(option(browser, "cohortChart").get("series").get(0).get("data").findValuesAsText("name"))
                    .containsExactly("Standard", "Relocated shantytown residents", "Graduates\u2019 families");
        }
    }

    // ------------------------------------------------------------------------------------------- scenario

    /**
     * 长海县 in the window: a relocated shantytown household and a standard one found zero-employment, the standard one with
     * a 双就业 target open; a 双就业 target met in time and an unstable-to-stable one met late; a household placed in a
     * public-welfare post on day 6 of its case (its subsidies 1,800 + 653.50 a month).
     */
    private void publishScenario() {
        UUID shantytown = UUID.randomUUID(), standard = UUID.randomUUID(), placed = UUID.randomUUID(), other = UUID.randomUUID();
        publish(shantytown, new ZeroEmploymentStarted(shantytown, CHANGHAI, base, "SHANTYTOWN_RELOCATION", candidates(), base));
        publish(standard, new ZeroEmploymentStarted(standard, CHANGHAI, base.plusDays(1), "STANDARD", candidates()));
        publish(standard, target(UUID.randomUUID(), standard, "DOUBLE_EMPLOYMENT", base.plusDays(2), null));

        UUID met = UUID.randomUUID(), late = UUID.randomUUID();
        publish(other, target(met, other, "DOUBLE_EMPLOYMENT", base.plusDays(3), null));
        publish(other, new CaseClosed(met, other, CHANGHAI, "MET", base.plusDays(10), 8, "DOUBLE_EMPLOYMENT", null));
        publish(other, target(late, other, "UNSTABLE_TO_STABLE", base.plusDays(3), UUID.randomUUID()));
        publish(other, new CaseClosed(late, other, CHANGHAI, "MET_LATE", base.plusDays(27), 25, "UNSTABLE_TO_STABLE", null));

        UUID caseId = UUID.randomUUID();
        publish(placed, new ZeroEmploymentStarted(placed, CHANGHAI, base.plusDays(1), "STANDARD", candidates()));
        publish(placed, new CaseOpened(caseId, placed, CHANGHAI, base.plusDays(1), instant(base.plusDays(21)), 20, "CALENDAR", "STANDARD",
                base.plusDays(1)));
        publish(placed, new MemberPlaced(UUID.randomUUID(), placed, CHANGHAI, UUID.randomUUID(), UUID.randomUUID(), JobKind.PUBLIC_WELFARE,
                "长海县公益性岗位", base.plusDays(6), new BigDecimal("2300"), 12, true, false, new BigDecimal("1800.00"), new BigDecimal("653.50")));
        publish(placed, new ZeroEmploymentEnded(placed, CHANGHAI, ZeroEmploymentEnded.Reason.PLACED, base.plusDays(6), base.plusDays(6),
                "PUBLIC_WELFARE"));
        publish(placed, new CaseClosed(caseId, placed, CHANGHAI, "MET", base.plusDays(6), 6, null, "PUBLIC_WELFARE"));
    }

    private CaseOpened target(UUID caseId, UUID household, String target, LocalDate since, UUID member) {
        return new CaseOpened(caseId, household, CHANGHAI, since, instant(since.plusDays(20)), 20, "CALENDAR", "STANDARD", since, target, member);
    }

    private static List<Candidate> candidates() {
        return List.of(new Candidate(UUID.randomUUID(), 45, Gender.FEMALE, "JUNIOR_MIDDLE", List.of()));
    }

    private static Instant instant(LocalDate date) {
        return date.atStartOfDay(SHANGHAI).toInstant();
    }

    private void publish(UUID household, Record payload) {
        EventType type = EventType.of(payload);
        try {
            kafka.send(type.topic(), household.toString(), ReportingFixtures.headers(type), ReportingFixtures.JSON.writeValueAsString(payload));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------- browser

    /** Opens the dashboard on {@code area} and this test's window, pastes an official's token and loads. */
    private void load(HeadlessBrowser browser, String area) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.port", Integer.class);
        browser.open("http://127.0.0.1:" + port + "/#area=" + area + "&from=" + base + "&to=" + base.plusDays(29));
        browser.evaluate("document.getElementById('token').value = '" + Tokens.of("official", area)
                + "'; document.getElementById('load').click(); true");
        await("the dashboard loaded").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !browser.evaluate("document.body.dataset.loaded || ''").asText().isEmpty());
        assertThat(browser.evaluate("document.body.dataset.loaded + ' ' + document.getElementById('status').textContent").asText())
                .startsWith("true");
    }

    /** The chart's option as ECharts holds it (what it draws). */
    private static JsonNode option(HeadlessBrowser browser, String chart) throws IOException {
        return ReportingFixtures.JSON.readTree(browser.evaluate(
                "JSON.stringify(echarts.getInstanceByDom(document.getElementById('" + chart + "')).getOption())").asText());
    }

    private static void assertSaysNoData(HeadlessBrowser browser, String chart, String noData) throws IOException {
        JsonNode option = option(browser, chart);
        assertThat(texts(option.path("title").findValues("text"))).as(chart + "'s title").containsExactly(noData);
        assertThat(option.path("series")).as(chart + " draws no series").isEmpty();
        for (JsonNode series : option.path("series")) {
            if (series.path("type").asText().equals("pie")) {
                assertThat(numbers(series.path("data").findValues("value")).stream().distinct().count())
                        .as(chart + ": a pie of equal slices").isNotEqualTo(1);
            }
        }
        assertThat(browser.evaluate("document.getElementById('" + chart + "').dataset.empty").asText()).as(chart).isEqualTo("true");
        assertThat(browser.evaluate("document.getElementById('" + chart + "').getAttribute('aria-label')").asText()).as(chart).isEqualTo(noData);
    }

    // ---------------------------------------------------------------------------------------------- figures

    /** A figure of the summary; failing, not counting as 0, when the API does not give it. */
    private static JsonNode figure(JsonNode figures, String key) {
        assertThat(figures.has(key)).as("the summary gives %s", key).isTrue();
        return figures.get(key);
    }

    private static long change(JsonNode before, JsonNode after, String key) {
        return figure(after, key).asLong() - before.path(key).asLong();
    }

    private static List<Double> numbers(Iterable<JsonNode> values) {
        List<Double> numbers = new ArrayList<>();
        values.forEach(v -> numbers.add(v.asDouble()));
        return numbers;
    }

    private static List<String> texts(Iterable<JsonNode> values) {
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(v.asText()));
        return texts;
    }
}
