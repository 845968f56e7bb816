package io.wanjia.e2e;

import static io.wanjia.e2e.Platform.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.wanjia.commons.testing.HeadlessBrowser;

/**
 * The staff console as its users meet it: Debian's chromium opens the console, Keycloak (./platform runs it) asks for a
 * name and password, and the pages work the suite's services through the console with the person's own token. A case
 * worker registers a household and sees its case appear; a supervisor acknowledges its escalation; a case worker of
 * another district sees neither. Pictures of each page land in e2e/target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final int PORT = 18080;
    /** Keycloak lets the realm's client come back to http://localhost:* only. */
    private static final String CONSOLE = "http://localhost:" + PORT;
    private static final Path SCREENSHOTS = ROOT.resolve("e2e/target/screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEPING = "210102";

    private static String password;
    private static final AtomicReference<String> HOUSEHOLD = new AtomicReference<>();
    private static final AtomicReference<String> CASE = new AtomicReference<>();
    private static final AtomicReference<String> HEAD = new AtomicReference<>();

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        // Where Keycloak could not start, ./platform said why and wrote it down: there is no login to try, and the run says
        // so (skipped, with the reason). Without that note a missing Keycloak is a failure, not a skip.
        Path unavailable = ROOT.resolve(".platform/keycloak/unavailable");
        if (Platform.KEYCLOAK_ISSUER.isEmpty() && Files.exists(unavailable)) {
            Assumptions.abort("no real login to drive: Keycloak is not in use here (" + Files.readString(unavailable).trim() + ")");
        }
        assertThat(Platform.KEYCLOAK_ISSUER).as("Keycloak is running (./platform test starts it; where it cannot start it says why)")
                .isPresent();
        password = Files.readString(ROOT.resolve(".platform/keys/demo-users.password")).trim();
        Platform.start();
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        Platform.launch("console", "console", List.of("-Dquarkus.http.port=" + PORT), Map.of(
                "WANJIA_CONSOLE_SECRET", HexFormat.of().formatHex(secret),
                "WANJIA_HOUSEHOLD_URL", Platform.url("household-service"), "WANJIA_PLACEMENT_URL", Platform.url("placement-service"),
                "WANJIA_DEADLINE_URL", Platform.url("deadline-monitor"), "WANJIA_REPORTING_URL", Platform.url("reporting-service")));
        Platform.awaitReady("console", PORT);
        Files.createDirectories(SCREENSHOTS);
    }

    @Test
    @Order(1)
    void aCaseworkerRegistersAHouseholdThroughTheRealLoginAndSeesItsCaseAppear() throws IOException, InterruptedException {
        LocalDate today = Platform.now().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
        LocalDate birth = today.minusYears(41);
        String nationalId = Households.nationalId(HEPING, birth, true);
        String wrongCheck = nationalId.substring(0, 17) + (nationalId.charAt(17) == '1' ? '2' : '1');
        HEAD.set("赵" + Households.nationalId(HEPING, birth, false).substring(14, 17));
        try (HeadlessBrowser browser = HeadlessBrowser.start()) {
            logIn(browser, "caseworker-heping");
            until(browser, "the households page", "document.querySelector('h1')?.textContent === '家庭'");
            shoot(browser, "console-households");

            browser.evaluate("location.hash = '#/households/new'; true");
            until(browser, "the register form", "document.querySelector('[data-field=\"members[0].nationalId\"]') !== null");
            // The check character is checked as it is typed, before anything is sent.
            type(browser, "members[0].nationalId", wrongCheck);
            assertThat(hint(browser, "members[0].nationalId")).isEqualTo("校验码不对，请核对");
            type(browser, "members[0].nationalId", nationalId);
            assertThat(hint(browser, "members[0].nationalId")).isEqualTo("出生 " + birth + " · 男");
            type(browser, "street", "新华街道");
            type(browser, "community", "和平社区");
            type(browser, "address", "和平区新华路 8 号 2 单元 301");
            type(browser, "members[0].name", HEAD.get());
            // Out of work for 19 days already: the case opens on day 20, its highest step fired at once.
            type(browser, "members[0].statusSince", today.minusDays(19).toString());
            shoot(browser, "console-register");
            browser.evaluate("window.wanjiaLeaving = true; document.querySelector('form button[type=submit]').click(); true");

            String household = until(browser, "the household's page", "/^#\\/households\\/[0-9a-f-]{36}$/.test(location.hash) "
                    + "&& document.querySelector('h1')?.textContent.includes('" + HEAD.get() + "') && location.hash.slice(13)").asText();
            HOUSEHOLD.set(household);
            JsonNode shown = until(browser, "the case on the household's page", "document.querySelector('#case [data-days-left]')?.dataset.daysLeft");
            JsonNode theCase = Households.as("caseworker", HEPING).get(Platform.url("deadline-monitor") + "/api/v1/cases?householdId=" + household)
                    .then().statusCode(200).extract().as(JsonNode.class).path("items").get(0);
            CASE.set(theCase.get("id").asText());
            assertThat(theCase.get("status").asText()).isEqualTo("OPEN");
            assertThat(shown.asLong()).as("days left on the page, as the case says").isEqualTo(theCase.get("daysLeft").asLong());
            assertThat(text(browser)).contains("和平区新华路 8 号 2 单元 301").contains("210102********").doesNotContain(nationalId);
            // A contact recorded on the page is in the household's contact log.
            until(browser, "the contact form", "document.querySelector('#contacts form') !== null");
            browser.evaluate("(() => { const f = document.querySelector('#contacts form'); f.querySelector('textarea').value = '户主在家，愿意做保洁';"
                    + " f.querySelector('button[type=submit]').click(); return true; })()");
            until(browser, "the contact listed", "document.querySelector('#contacts table')?.textContent.includes('户主在家，愿意做保洁')");
            assertThat(Households.as("caseworker", HEPING).get(Platform.url("household-service") + "/api/v1/households/" + household + "/contacts")
                    .then().statusCode(200).extract().path("attempts.note").toString()).contains("户主在家，愿意做保洁");
            // The community's verification (调查核实) is the case worker's step of the identification: the street reviews next.
            until(browser, "the verification form", "document.querySelector('#identification [data-stage=VERIFY]') !== null"
                    + " && document.querySelector('#identification form textarea') !== null");
            browser.evaluate("(() => { const f = document.querySelector('#identification form'); f.querySelector('textarea').value ="
                    + " '入户走访，户主失业属实'; f.querySelector('button[type=submit]').click(); return true; })()");
            until(browser, "the identification at the street's review", "document.querySelector('#identification [data-stage=REVIEW]') !== null");
            assertThat(text(browser)).contains("等待督办完成");
            shoot(browser, "console-household");

            // Found again by the start of the head's name, as staff know the family.
            browser.evaluate("location.hash = '#/households'; true");
            until(browser, "the households page", "document.querySelector('[data-field=\"name\"]') !== null");
            type(browser, "name", HEAD.get().substring(0, 2));
            browser.evaluate("document.querySelector('form[role=search] button').click(); true");
            until(browser, "the household found by name", "document.querySelector('a[href=\"#/households/" + household + "\"]') !== null");

            // The console forwards only its pages' calls (a form or another site cannot send the header), and only into /api/v1.
            assertThat(browser.evaluate("fetch('/api/household/v1/households').then(r => r.status)").asInt()).isEqualTo(403);
            assertThat(browser.evaluate("fetch('/api/household/v1/%2e%2e/%2e%2e/q/metrics', { headers: { 'X-Requested-With': 'JavaScript' } })"
                    + ".then(r => r.status)").asInt()).isEqualTo(404);
            assertThat(browser.evaluate("fetch('/api/household/v1/..%2F..%2Fq/metrics', { headers: { 'X-Requested-With': 'JavaScript' } })"
                    + ".then(r => r.status)").asInt()).isEqualTo(404);

            // Nothing of the session is where a page script or the address could hand it on.
            assertThat(browser.evaluate("JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie + location.href").asText())
                    .doesNotContain("eyJ").doesNotContain("q_session");
        }
    }

    @Test
    @Order(2)
    void aSupervisorAcknowledgesTheEscalationSeeingTheHouseholdAsPeopleKnowIt() throws IOException, InterruptedException {
        String caseId = CASE.get();
        assertThat(caseId).as("the household the case worker registered").isNotNull();
        // Day 16: the day-15 step has gone to the district's supervisors.
        Platform.advance(Duration.ofDays(15));
        await("the escalation of " + caseId).atMost(WAIT).until(() -> addressedToHeping(caseId) > 0);
        long before = addressedToHeping(caseId);
        try (HeadlessBrowser browser = HeadlessBrowser.start()) {
            logIn(browser, "supervisor-heping");
            until(browser, "the inbox", "document.querySelector('h1')?.textContent === '督办提醒'");
            String rows = "[...document.querySelectorAll('tbody tr')].filter(r => r.querySelector('a[href=\\\"#/cases/" + caseId + "\\\"]'))";
            until(browser, "the household's rows", rows + ".length > 0");
            assertThat(browser.evaluate(rows + ".map(r => r.textContent).join()").asText()).as("a household as people know it, not a UUID")
                    .contains(HEAD.get()).contains("和平社区").doesNotContain(HOUSEHOLD.get());
            // Only the alerts addressed to this supervisor (district supervisors of 210102) can be acknowledged here.
            assertThat(browser.evaluate(rows + ".filter(r => r.querySelector('form')).length").asLong()).isEqualTo(before);
            shoot(browser, "console-inbox");

            String mine = rows + ".find(r => r.querySelector('form'))";
            browser.evaluate(mine + ".querySelector('form input').value = '已电话联系户主，明天上门'; " + mine + ".querySelector('form button').click(); true");
            await("acknowledged").atMost(WAIT).until(() -> addressedToHeping(caseId) == before - 1);
            JsonNode step = Households.as("supervisor", HEPING)
                    .get(Platform.url("deadline-monitor") + "/api/v1/cases/" + caseId).then().statusCode(200)
                    .extract().as(JsonNode.class).path("steps").findParents("acknowledgedAt").stream()
                    .filter(s -> !s.path("acknowledgedAt").isNull()).findFirst().orElseThrow();
            // The service recorded the person Keycloak signed in (the token's subject), through the console.
            String signedIn = browser.evaluate("fetch('/session', { headers: { 'X-Requested-With': 'JavaScript' } })"
                    + ".then(r => r.json()).then(s => s.username + ' ' + s.subject)").asText();
            assertThat(signedIn).startsWith("supervisor-heping ");
            assertThat(step.get("acknowledgedBy").asText()).isEqualTo(signedIn.substring("supervisor-heping ".length()));
            assertThat(step.get("note").asText()).isEqualTo("已电话联系户主，明天上门");
            until(browser, "the row gone from the open inbox", rows + ".filter(r => r.querySelector('form')).length === " + (before - 1));

            browser.evaluate("location.hash = '#/cases/" + caseId + "'; true");
            until(browser, "the case page", "document.querySelector('.timeline li') !== null");
            assertThat(browser.evaluate("document.querySelector('.timeline').innerText").asText()).as("the timeline in words")
                    .contains("立案").contains("督办升级").doesNotContain("ESCALATED");
            shoot(browser, "console-case");

            // A session that ended on the server (cookies gone) sends the next call back to the login page.
            browser.clearCookies();
            browser.evaluate("window.wanjiaLeaving = true; location.hash = '#/inbox'; true");
            until(browser, "Keycloak's login page", "location.port === '8180' && document.getElementById('username') !== null");
        }
    }

    @Test
    @Order(3)
    void aCaseworkerOfAnotherDistrictSeesNeitherTheHouseholdNorItsEscalation() throws IOException, InterruptedException {
        assertThat(HOUSEHOLD.get()).isNotNull();
        try (HeadlessBrowser browser = HeadlessBrowser.start()) {
            logIn(browser, "caseworker-shenhe");
            browser.evaluate("location.hash = '#/households/" + HOUSEHOLD.get() + "'; true");
            until(browser, "the refusal", "document.querySelector('.problem') !== null");
            assertThat(text(browser)).doesNotContain(HEAD.get()).doesNotContain("新华路");
            browser.evaluate("location.hash = '#/households'; true");
            until(browser, "the households page", "document.querySelector('[data-field=\"name\"]') !== null");
            type(browser, "name", HEAD.get());
            browser.evaluate("document.querySelector('form[role=search] button').click(); true");
            until(browser, "the search answered", "!document.body.textContent.includes('加载中')");
            assertThat(browser.evaluate("document.querySelector('a[href=\"#/households/" + HOUSEHOLD.get() + "\"]') === null").asBoolean())
                    .as("another district's household is not found by name").isTrue();

            browser.evaluate("location.hash = '#/inbox'; true");
            until(browser, "the inbox", "document.querySelector('h1')?.textContent === '督办提醒' && !document.body.textContent.includes('加载中')");
            assertThat(browser.evaluate("document.querySelector('a[href=\"#/cases/" + CASE.get() + "\"]') === null").asBoolean()).isTrue();

            // Signing out ends the session at Keycloak too: the console asks for a password again.
            browser.evaluate("window.wanjiaLeaving = true; document.getElementById('logout').click(); true");
            until(browser, "signed out", "!window.wanjiaLeaving && document.readyState === 'complete'");
            browser.open(CONSOLE + "/");
            assertThat(browser.evaluate("location.port === '8180' && document.getElementById('username') !== null").asBoolean()).isTrue();
        }
    }

    @Test
    @Order(4)
    void theConsoleFitsAPhoneAndEnglish() throws IOException, InterruptedException {
        try (HeadlessBrowser browser = HeadlessBrowser.start()) {
            browser.viewport(390, 844);
            logIn(browser, "caseworker-heping");
            until(browser, "the households page", "document.querySelector('h1')?.textContent === '家庭'");
            browser.evaluate("document.getElementById('lang').click(); true");
            until(browser, "English", "document.querySelector('h1')?.textContent === 'Households' && document.documentElement.lang === 'en'");
            // Every input has a label; nothing is wider than the phone.
            assertThat(browser.evaluate("[...document.querySelectorAll('input, select')].filter(i => !i.labels || i.labels.length === 0).length")
                    .asInt()).isZero();
            assertThat(browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth").asBoolean()).isTrue();
            shoot(browser, "console-phone-en");
            browser.evaluate("document.getElementById('lang').click(); true");
        }
    }

    @Test
    @Order(5)
    void aPlacementOfficersPostOfferedByTheCaseworkerAndAcceptedClosesTheCase() throws IOException, InterruptedException {
        String household = HOUSEHOLD.get();
        assertThat(household).isNotNull();
        String title = "保洁员" + household.substring(0, 4);
        try (HeadlessBrowser officer = HeadlessBrowser.start(); HeadlessBrowser caseworker = HeadlessBrowser.start()) {
            logIn(officer, "placement-heping");
            until(officer, "the posts page", "document.querySelector('[data-field=\"employer\"]') !== null");
            type(officer, "employer", "和平区洁美物业服务有限公司");
            type(officer, "title", title);
            type(officer, "monthlyWage", "3200");
            type(officer, "contractMonths", "12");
            officer.evaluate("document.querySelector('[data-field=\"employer\"]').form.querySelector('button[type=submit]').click(); true");
            until(officer, "the post listed", "document.querySelector('tbody')?.textContent.includes('" + title + "')");
            shoot(officer, "console-posts");
            String post = Households.as("placement-officer", HEPING).get(Platform.url("placement-service") + "/api/v1/posts?open=true&size=500")
                    .then().statusCode(200).extract().as(JsonNode.class).path("items").findParents("title").stream()
                    .filter(p -> p.get("title").asText().equals(title)).findFirst().orElseThrow().get("id").asText();

            // The case worker sees the post among the household's suggestions, with its reasons, and offers it.
            logIn(caseworker, "caseworker-heping");
            caseworker.evaluate("location.hash = '#/households/" + household + "'; true");
            String offerForm = "document.querySelector('#suggestions form[data-post=\"" + post + "\"]')";
            until(caseworker, "the post suggested", offerForm + " !== null");
            caseworker.evaluate(offerForm + ".querySelector('button').click(); true");
            until(caseworker, "offered", "document.querySelector('#suggestions')?.textContent.includes('已推荐')");
            JsonNode offer = Households.as("caseworker", HEPING).get(Platform.url("placement-service") + "/api/v1/offers?householdId=" + household)
                    .then().statusCode(200).extract().as(JsonNode.class).path("items").get(0);
            assertThat(offer.get("postId").asText()).isEqualTo(post);

            // The placement officer records the member's yes; the placement closes the case.
            officer.evaluate("location.hash = '#/offers'; true");
            String accept = "document.querySelector('form[data-offer=\"" + offer.get("id").asText() + "\"][data-action=accept]')";
            until(officer, "the offer waiting for an answer", accept + " !== null");
            shoot(officer, "console-offers");
            officer.evaluate(accept + ".querySelector('button[type=submit]').click(); true");
            await("the case closed").atMost(WAIT).until(() -> Households.as("caseworker", HEPING)
                    .get(Platform.url("deadline-monitor") + "/api/v1/cases/" + CASE.get()).then().statusCode(200).extract().path("status")
                    .equals("CLOSED"));
            caseworker.evaluate("window.wanjiaLeaving = true; location.reload(); true");
            until(caseworker, "the closed case on the household's page", "document.querySelector('#case .badge')?.textContent === '已结案'");
            officer.evaluate("location.hash = '#/placements'; true");
            until(officer, "the placement in work", "document.querySelector('form[data-placement]') !== null"
                    + " && document.querySelector('tbody').textContent.includes('和平区洁美物业服务有限公司')");
            shoot(officer, "console-placements");
        }
    }

    @Test
    @Order(6)
    void anOfficialReadsTheMonthlyTableAndTheDashboardWithoutAPastedToken() throws IOException, InterruptedException {
        try (HeadlessBrowser browser = HeadlessBrowser.start()) {
            logIn(browser, "official-shenyang");
            until(browser, "the monthly table", "document.querySelector('h1')?.textContent === '报表' && document.querySelector('tbody tr') !== null");
            shoot(browser, "console-reports");
            browser.evaluate("window.wanjiaLeaving = true; [...document.querySelectorAll('nav a')].find(a => a.textContent === '统计图表').click(); true");
            until(browser, "the dashboard loaded through the console", "!window.wanjiaLeaving && document.body.dataset.loaded === 'true'");
            assertThat(browser.evaluate("location.pathname + ' ' + document.getElementById('token').hidden").asText())
                    .isEqualTo("/reporting/index.html true");
            // The figures came through the console with the official's session: the city's summary (沈阳, area 2101).
            assertThat(browser.evaluate("document.querySelector('[data-figure=zeroEmploymentNow]').textContent").asText()).matches("\\d+");
            assertThat(browser.evaluate("document.getElementById('period').textContent").asText()).contains("沈阳");
            shoot(browser, "console-dashboard");
        }
    }

    /** Opens the console, which sends the browser to Keycloak's login page, and signs in there as {@code username}. */
    private static void logIn(HeadlessBrowser browser, String username) throws IOException {
        browser.open(CONSOLE + "/");
        until(browser, "Keycloak's login page", "location.port === '8180' && document.getElementById('username') !== null");
        browser.evaluate("window.wanjiaLeaving = true; document.getElementById('username').value = " + JSON.writeValueAsString(username)
                + "; document.getElementById('password').value = " + JSON.writeValueAsString(password)
                + "; document.getElementById('kc-login').click(); true");
        until(browser, "the console signed in as " + username, "!window.wanjiaLeaving && location.origin === '" + CONSOLE
                + "' && document.getElementById('who').textContent.length > 0");
    }

    /** Types {@code value} into the input the API calls {@code apiField}, as a person does (input events fire). */
    private static void type(HeadlessBrowser browser, String apiField, String value) throws IOException {
        browser.evaluate("(() => { const i = document.querySelector('[data-field=" + JSON.writeValueAsString(apiField) + "]'); i.value = "
                + JSON.writeValueAsString(value) + "; i.dispatchEvent(new Event('input', { bubbles: true })); return true; })()");
    }

    private static String hint(HeadlessBrowser browser, String apiField) throws IOException {
        return browser.evaluate("document.getElementById(document.querySelector('[data-field=" + JSON.writeValueAsString(apiField)
                + "]').id + '-hint').textContent").asText();
    }

    private static String text(HeadlessBrowser browser) {
        return browser.evaluate("document.body.innerText").asText();
    }

    /** Waits until {@code expression} is truthy in the page (it may be mid-navigation meanwhile) and returns its value. */
    private static JsonNode until(HeadlessBrowser browser, String what, String expression) {
        AtomicReference<JsonNode> value = new AtomicReference<>();
        await(what).atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            JsonNode v = browser.evaluate(expression);
            value.set(v);
            return !v.isMissingNode() && !v.isNull() && !(v.isBoolean() && !v.asBoolean()) && !(v.isTextual() && v.asText().isEmpty());
        });
        return value.get();
    }

    private static void shoot(HeadlessBrowser browser, String name) throws IOException {
        browser.screenshot(SCREENSHOTS.resolve(name + ".png"));
    }

    /** How many of the case's alerts wait for Heping's district supervisors. */
    private static long addressedToHeping(String caseId) {
        JsonNode page = Households.as("supervisor", HEPING).get(Platform.url("deadline-monitor") + "/api/v1/escalations?acknowledged=false&size=500")
                .then().statusCode(200).extract().as(JsonNode.class);
        return page.path("items").findParents("caseId").stream().filter(s -> s.get("caseId").asText().equals(caseId))
                .filter(s -> s.get("recipientRole").asText().equals("supervisor") && s.get("area").asText().equals(HEPING)).count();
    }
}
