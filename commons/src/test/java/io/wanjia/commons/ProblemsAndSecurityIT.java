package io.wanjia.commons;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.rest.InputBounds;
import io.wanjia.commons.testing.Tokens;

/** Problem details, roles, the area scope and the audit trail, as every service's endpoints get them. */
@QuarkusTest
class ProblemsAndSecurityIT {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void shouldAnswer401WithoutAToken() {
        given().contentType("application/json").body(Map.of("districtCode", "210102", "reason", "PLACED"))
                .post("/api/v1/ledger/{id}", UUID.randomUUID())
                .then().statusCode(401);
    }

    @Test
    void shouldAnswer401ForATokenSignedByAnotherKey() {
        String forged = Tokens.of("caseworker", "210102");
        String[] parts = forged.split("\\.");
        given().header("Authorization", "Bearer " + parts[0] + "." + parts[1] + ".AAAA")
                .get("/api/v1/ledger/{id}/history", UUID.randomUUID())
                .then().statusCode(401);
    }

    @Test
    void shouldAnswer403ProblemForTheWrongRole() {
        given().header("Authorization", Tokens.bearer("official", "210102"))
                .get("/api/v1/ledger/{id}/history", UUID.randomUUID())
                .then().statusCode(403).contentType(PROBLEM)
                .body("status", equalTo(403)).body("type", equalTo("urn:wanjia:problem:forbidden"));
    }

    @Test
    void shouldAnswer404ForARecordOutsideTheCallersArea() {
        UUID household = UUID.randomUUID();
        given().header("Authorization", Tokens.bearer("caseworker", "210103"))
                .contentType("application/json").body(Map.of("districtCode", "210102", "reason", "PLACED"))
                .post("/api/v1/ledger/{id}", household)
                .then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("household " + household + " was not found"));
    }

    @Test
    void shouldLetACityCallerActInEachOfItsDistricts() {
        given().header("Authorization", Tokens.bearer("caseworker", "2101"))
                .contentType("application/json").body(Map.of("districtCode", "210103", "reason", "PLACED"))
                .post("/api/v1/ledger/{id}", UUID.randomUUID())
                .then().statusCode(200);
    }

    @Test
    void shouldName400FieldAndRuleOfAnInvalidBody() {
        given().header("Authorization", Tokens.bearer("caseworker", "210102"))
                .contentType("application/json").body(Map.of("districtCode", "21A102", "reason", "PLACED"))
                .post("/api/v1/ledger/{id}", UUID.randomUUID())
                .then().statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("districtCode"))
                .body("rule", equalTo("must be a 6-digit division code"))
                .body("errors[0].field", equalTo("districtCode"));
    }

    @Test
    void shouldName400ForAMalformedBodyAndABadPathParameter() {
        given().header("Authorization", Tokens.bearer("caseworker", "210102"))
                .contentType("application/json").body("{\"districtCode\": ")
                .post("/api/v1/ledger/{id}", UUID.randomUUID())
                .then().statusCode(400).contentType(PROBLEM).body("status", equalTo(400));
        given().header("Authorization", Tokens.bearer("caseworker", "210102"))
                .get("/api/v1/ledger/not-a-uuid/history")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("householdId")).body("rule", equalTo("uuid"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"on, abc, date", "on, 2026-02-30, date", "on, -999999999-01-01, date", "on, +999999999-12-31, date",
            "on, 9999-01-01, date", "page, abc, integer", "page, 2147483648, integer", "reason, BOGUS, enum", "open, yes, boolean"})
    void shouldName400TheQueryParameterThatCannotBeRead(String name, String value, String rule) {
        given().header("Authorization", Tokens.bearer("caseworker", "210102")).queryParam(name, value).get("/api/v1/ledger")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo(name)).body("rule", equalTo(rule));
    }

    @Test
    void shouldReadQueryParametersWithinTheirBounds() {
        given().header("Authorization", Tokens.bearer("caseworker", "210102")).queryParam("on", "2026-03-01")
                .queryParam("page", InputBounds.MAX_PAGE).queryParam("reason", "PLACED").queryParam("open", "true").get("/api/v1/ledger")
                .then().statusCode(200).body("on", equalTo("2026-03-01")).body("reason", equalTo("PLACED")).body("open", equalTo("true"));
        given().header("Authorization", Tokens.bearer("caseworker", "210102")).queryParam("page", InputBounds.MAX_PAGE + 1)
                .get("/api/v1/ledger").then().statusCode(400).body("field", equalTo("page"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"text\": \"a\\u0000b\"} | text | no-nul",
            "{\"on\": \"-999999999-01-01\"} | on | date-range",
            "{\"on\": \"+999999999-12-31\"} | on | date-range",
            "{\"on\": \"-0001-01-01\"} | on | date-range"})
    void shouldName400TheBodyFieldOutsideItsBounds(String body, String field, String rule) {
        given().header("Authorization", Tokens.bearer("caseworker", "210102")).contentType("application/json").body(body)
                .post("/api/v1/ledger/notes").then().statusCode(400).contentType(PROBLEM).body("field", equalTo(field))
                .body("rule", equalTo(rule));
    }

    @Test
    void shouldRefuseTextLongerThanAnyFieldMayHold() {
        given().header("Authorization", Tokens.bearer("caseworker", "210102")).contentType("application/json")
                .body(Map.of("text", "x".repeat(InputBounds.MAX_TEXT_LENGTH + 1))).post("/api/v1/ledger/notes")
                .then().statusCode(400).body("field", equalTo("text")).body("rule", equalTo("length"));
        given().header("Authorization", Tokens.bearer("caseworker", "210102")).contentType("application/json")
                .body(Map.of("on", "2026-03-01", "text", "万家")).post("/api/v1/ledger/notes")
                .then().statusCode(200).body("on", equalTo("2026-03-01")).body("text", equalTo("万家"));
    }

    @Test
    void shouldHideTheCauseOfAnUnexpectedFailure() throws IOException {
        String detail = given().header("Authorization", Tokens.bearer("caseworker", "210102"))
                .get("/api/v1/ledger/boom")
                .then().statusCode(500).contentType(PROBLEM)
                .body("detail", containsString("error id"))
                .body(not(containsString("21010219800101123X")))
                .body(not(containsString("IllegalStateException")))
                .extract().path("detail");

        String errorId = detail.substring(detail.lastIndexOf(' ') + 1);
        String log = Files.readString(Path.of("target/commons-test.log"));
        assertThat(log).contains(errorId).contains("secret internals 210102************").contains("at io.wanjia")
                .doesNotContain("21010219800101123X");
    }

    @Test
    void shouldAuditWhoChangedWhatAndWhen() {
        UUID household = UUID.randomUUID();
        given().header("Authorization", Tokens.bearer("caseworker", "210102"))
                .contentType("application/json").body(Map.of("districtCode", "210102", "reason", "EXITED"))
                .post("/api/v1/ledger/{id}", household)
                .then().statusCode(200);

        given().header("Authorization", Tokens.bearer("caseworker", "210102"))
                .get("/api/v1/ledger/{id}/history", household)
                .then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].actor", equalTo("test-caseworker-210102"))
                .body("[0].action", equalTo("END"))
                .body("[0].after.reason", equalTo("EXITED"));
    }

    @Test
    void shouldLetAnAdminMoveTheTestClockAndNoOneElse() {
        long before = java.time.Instant.parse(given().header("Authorization", Tokens.bearer("admin", "21"))
                .get("/api/v1/clock").then().statusCode(200).extract().path("instant")).getEpochSecond();

        String moved = given().header("Authorization", Tokens.bearer("admin", "21")).contentType("application/json")
                .body(Map.of("advanceSeconds", 86_400)).post("/api/v1/clock").then().statusCode(200).extract().path("instant");
        given().header("Authorization", Tokens.bearer("admin", "21")).contentType("application/json")
                .body(Map.of("advanceSeconds", -86_400)).post("/api/v1/clock").then().statusCode(200);

        org.assertj.core.api.Assertions.assertThat(java.time.Instant.parse(moved).getEpochSecond() - before).isBetween(86_400L, 86_460L);
        given().header("Authorization", Tokens.bearer("caseworker", "21")).contentType("application/json")
                .body(Map.of("advanceSeconds", 1)).post("/api/v1/clock").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("admin", "21")).contentType("application/json")
                .body(Map.of()).post("/api/v1/clock").then().statusCode(400).body("field", equalTo("advanceSeconds"));
    }

    @Test
    void shouldServeHealthOpenApiAndMetricsWithoutAToken() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Database connections health check"))
                .body(containsString("Kafka connection health check"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/ledger"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("wanjia_outbox_sent"));
    }
}
