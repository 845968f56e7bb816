package io.wanjia.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.HeadlessBrowser;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;

/** A rebuild from the topics gives the same figures; the dashboard, in a real headless browser, shows the API's figures. */
@QuarkusTest
class RebuildAndDashboardIT {

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    KafkaTestClient kafka;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        awaitCaughtUp();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void shouldGiveTheSameFiguresAfterARebuildFromTheTopics() {
        Map<String, String> period = Map.of("from", "1980-01-01", "to", LocalDate.now().plusYears(2).toString());
        // A report counted from the raw labour topic before the upgrade (in no topic a rebuild reads; dated before
        // every other test's window): the rebuild carries it over.
        execute("""
                INSERT INTO report_fact (generation, event_id, district_code, type, occurred_on)
                SELECT active_generation, 'raw-' || gen_random_uuid(), '210202', 'UNEMPLOYMENT_REPORTED', DATE '1985-06-01'
                FROM read_model WHERE id = 1""");
        JsonNode before = summary("21", period);
        assertThat(before.get("total").get("figures").get("labourReports").asLong()).isPositive();
        Map<String, Long> countersBefore = counters(before.get("generation").asInt());
        // A city's admin cannot rebuild what the whole deployment (here: the province) reads.
        given().header("Authorization", Tokens.bearer("admin", "2102")).post("/api/v1/admin/rebuild").then().statusCode(403)
                .body("rule", org.hamcrest.Matchers.equalTo("whole-deployment"));

        JsonNode started = json(given().header("Authorization", Tokens.bearer("admin", "21")).post("/api/v1/admin/rebuild")
                .then().statusCode(202).extract().asString());
        int previous = started.get("activeGeneration").asInt();
        await().atMost(Duration.ofSeconds(120)).until(() -> json(given().header("Authorization", Tokens.bearer("admin", "21"))
                .get("/api/v1/admin/rebuild").then().statusCode(200).extract().asString()).get("activeGeneration").asInt() > previous);
        awaitCaughtUp();

        JsonNode after = summary("21", period);
        assertThat(after.get("generation").asInt()).isEqualTo(previous + 1);
        assertThat(after.get("total")).isEqualTo(before.get("total"));
        assertThat(after.get("breakdown")).isEqualTo(before.get("breakdown"));
        // Every counter of every district, as the live triggers kept them and as the rebuild counted them at its end.
        assertThat(counters(previous + 1)).isEqualTo(countersBefore);
        given().header("Authorization", Tokens.bearer("official", "21")).post("/api/v1/admin/rebuild").then().statusCode(403);
        assertThat(rebuildsAudited()).as("the rebuild is in the audit trail, by whom").contains("test-admin-21");
    }

    @Test
    void shouldFailARebuildWhenPostgreSqlLostOneOfItsBatchesAndKeepTheActiveGeneration() {
        // A batch committed without waiting for the disk and lost in a PostgreSQL stop, played by a trigger that takes one
        // event off each batch's count: the count is how the rebuild learns what the disk kept.
        execute("""
                CREATE FUNCTION test_lose_a_batch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.rebuild_events > OLD.rebuild_events AND NEW.active_generation = OLD.active_generation THEN
                        NEW.rebuild_events := NEW.rebuild_events - 1;
                    END IF;
                    RETURN NEW;
                END $$""");
        execute("CREATE TRIGGER test_lose_a_batch BEFORE UPDATE ON read_model FOR EACH ROW EXECUTE FUNCTION test_lose_a_batch()");
        try {
            int active = json(given().header("Authorization", Tokens.bearer("admin", "21")).post("/api/v1/admin/rebuild")
                    .then().statusCode(202).extract().asString()).get("activeGeneration").asInt();
            JsonNode state = await().atMost(Duration.ofSeconds(120)).until(() -> json(given().header("Authorization",
                    Tokens.bearer("admin", "21")).get("/api/v1/admin/rebuild").then().statusCode(200).extract().asString()),
                    s -> s.get("buildingGeneration").isNull());

            assertThat(state.get("rebuildError").asText()).isEqualTo("IllegalStateException");
            assertThat(state.get("activeGeneration").asInt()).as("the old generation still answers").isEqualTo(active);
        } finally {
            execute("DROP TRIGGER test_lose_a_batch ON read_model");
            execute("DROP FUNCTION test_lose_a_batch()");
        }
    }

    private void execute(String sql) {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Long> counters(int generation) {
        try (var connection = dataSource.getConnection()) {
            return RecountIT.counters(connection, generation);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> rebuildsAudited() {
        List<String> actors = new ArrayList<>();
        try (var connection = dataSource.getConnection(); var rows = connection.createStatement()
                .executeQuery("SELECT actor FROM audit_entry WHERE entity_type = 'read-model' AND action = 'REBUILD'")) {
            while (rows.next()) {
                actors.add(rows.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return actors;
    }

    @Test
    void shouldShowTheApisFiguresOnTheDashboardInAHeadlessBrowser() throws Exception {
        String token = Tokens.of("official", "21");
        JsonNode api = summary("21", Map.of("from", LocalDate.now().minusDays(180).toString(), "to", LocalDate.now().toString()));
        int port = ConfigProvider.getConfig().getValue("quarkus.http.port", Integer.class);

        try (HeadlessBrowser browser = HeadlessBrowser.start()) {
            // A token in the address (a forwarded link, an old bookmark) is dropped from it and never used.
            browser.open("http://127.0.0.1:" + port + "/#token=" + token + "&area=21");
            assertThat(browser.evaluate("location.href").asText()).doesNotContain(token).endsWith("#area=21");
            assertThat(browser.evaluate("document.getElementById('token').value").asText()).isEmpty();
            assertThat(browser.evaluate("document.body.dataset.loaded || 'not loaded'").asText()).isEqualTo("not loaded");

            // An official pastes it and loads: the figures are the API's, and nothing keeps the token.
            browser.evaluate("document.getElementById('token').value = '" + token + "'; document.getElementById('load').click(); true");
            await().atMost(Duration.ofSeconds(30)).until(() -> !browser.evaluate("document.body.dataset.loaded || ''").asText().isEmpty());
            String dom = browser.evaluate("document.documentElement.outerHTML").asText();

            assertThat(dom).contains("data-loaded=\"true\"");
            Matcher figure = Pattern.compile("class=\"value\" data-figure=\"(\\w+)\">([^<]*)<").matcher(dom);
            List<String> shown = new ArrayList<>();
            while (figure.find()) {
                shown.add(figure.group(1));
                JsonNode value = api.get("total").get("figures").get(figure.group(1));
                assertThat(figure.group(2)).as(figure.group(1)).isEqualTo(display(figure.group(1), value));
            }
            assertThat(shown).contains("zeroEmploymentNow", "newlyIdentified", "shareWithinDeadline", "membersPlaced");
            assertThat(dom).contains("<canvas");
            assertThat(browser.evaluate("JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie + location.href")
                    .asText()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));

            Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
            Files.deleteIfExists(screenshot);
            browser.screenshot(screenshot);
            assertThat(Files.size(screenshot)).isGreaterThan(10_000);
        }
    }

    private static String display(String key, JsonNode value) {
        if (value == null || value.isNull()) {
            return "–";
        }
        if (key.equals("shareWithinDeadline")) {
            return String.format("%.1f%%", value.asDouble() * 100);
        }
        if (key.equals("publicWelfareMonthlyCost")) {
            return String.format(java.util.Locale.ROOT, "¥%,.2f", value.decimalValue());
        }
        return value.isIntegralNumber() ? value.asText() : trimmed(value.asDouble());
    }

    private static String trimmed(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static JsonNode summary(String area, Map<String, String> period) {
        return json(given().header("Authorization", Tokens.bearer("official", area)).queryParam("area", area).queryParams(period)
                .get("/api/v1/reports/summary").then().statusCode(200).extract().asString());
    }

    private static JsonNode json(String text) {
        try {
            return ReportingIT.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void awaitCaughtUp() {
        String group = ConfigProvider.getConfig().getValue("mp.messaging.incoming.all-events.group.id", String.class);
        kafka.awaitCaughtUp(group, List.of("household.events.v1", "placement.events.v1",
                "escalation.events.v1"), Duration.ofSeconds(90));
    }
}
