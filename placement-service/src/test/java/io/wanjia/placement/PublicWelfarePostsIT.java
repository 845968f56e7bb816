package io.wanjia.placement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.hamcrest.CustomMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.wanjia.commons.testing.Tokens;

/**
 * A public-welfare post (公益性岗位) carries how it was bought and pays at least its district's wage floor: the minimum
 * wage, or the 低保 line × k where that is higher (#17, item 2). Other kinds carry no funding and are not bounded here.
 */
@QuarkusTest
class PublicWelfarePostsIT {

    /** 沈阳市浑南区: a minimum wage of its own in the test profile (2300, above the default 2100) and no 低保 line. */
    private static final String HUNNAN = "210112";
    /** 沈阳市铁西区: a 低保 line of 1500 in the test profile; × 1.5 = 2250, above the minimum wage. */
    private static final String TIEXI = "210106";
    private static final Map<String, Object> FUNDING = Map.of("budget", "EMPLOYMENT_FUND", "budgetLine", "公益性岗位补贴",
            "monthlyPostSubsidy", 1500, "monthlySocialInsuranceSubsidy", 620.5);

    @Inject
    DataSource dataSource;

    @Test
    void shouldRecordAndShowHowAPublicWelfarePostWasBought() {
        String post = create(HUNNAN, "PUBLIC_WELFARE", 2300, FUNDING).statusCode(201)
                .body("funding.budget", equalTo("EMPLOYMENT_FUND")).body("funding.budgetLine", equalTo("公益性岗位补贴"))
                .extract().path("id");

        officer(HUNNAN).get("/api/v1/posts/{id}", post).then().statusCode(200)
                .body("funding.monthlyPostSubsidy", yuan("1500")).body("funding.monthlySocialInsuranceSubsidy", yuan("620.5"));
        officer(HUNNAN).body(Map.of("funding", Map.of("budget", "LOCAL_BUDGET", "monthlyPostSubsidy", 1800, "monthlySocialInsuranceSubsidy", 700)))
                .patch("/api/v1/posts/{id}", post).then().statusCode(200)
                .body("funding.budget", equalTo("LOCAL_BUDGET")).body("funding.budgetLine", nullValue())
                .body("funding.monthlyPostSubsidy", yuan("1800"));
        officer(HUNNAN).get("/api/v1/posts/{id}", post).then().statusCode(200).body("funding.budget", equalTo("LOCAL_BUDGET"));
    }

    @Test
    void shouldShowNoFundingOnAnEnterprisePost() {
        String post = create(HUNNAN, "ENTERPRISE", 3200, null).statusCode(201).extract().path("id");

        officer(HUNNAN).get("/api/v1/posts/{id}", post).then().statusCode(200).body("funding", nullValue());
    }

    @Test
    void shouldRefuseAPublicWelfarePostWithoutItsFunding() {
        problem(create(HUNNAN, "PUBLIC_WELFARE", 2400, null), "funding", "required-for-public-welfare");
    }

    @Test
    void shouldRefuseFundingOnAnotherKindAndAFundingThatDoesNotSayWhoPays() {
        problem(create(HUNNAN, "ENTERPRISE", 3200, FUNDING), "funding", "public-welfare-only");
        problem(create(HUNNAN, "PUBLIC_WELFARE", 2400, Map.of("budget", "UNRECORDED", "monthlyPostSubsidy", 1500,
                "monthlySocialInsuranceSubsidy", 600)), "funding.budget", "recorded-budget");
        problem(create(HUNNAN, "PUBLIC_WELFARE", 2400, Map.of("budget", "OTHER", "monthlyPostSubsidy", 1500,
                "monthlySocialInsuranceSubsidy", 600)), "funding.budgetLine", "named-for-other-budget");
        create(HUNNAN, "PUBLIC_WELFARE", 2400, Map.of("budget", "LOTTERY_WELFARE_FUND", "monthlyPostSubsidy", 1500))
                .statusCode(400).contentType(startsWith("application/problem+json")).body("field", equalTo("funding.monthlySocialInsuranceSubsidy"));
        create(HUNNAN, "PUBLIC_WELFARE", 2400, Map.of("budget", "MUNICIPAL_BONDS", "monthlyPostSubsidy", 1500,
                "monthlySocialInsuranceSubsidy", 600)).statusCode(400).contentType(startsWith("application/problem+json"));
    }

    @Test
    void shouldRefuseAPublicWelfareWageBelowTheMinimumWageNamingTheRuleAndWhereTheFloorComesFrom() {
        problem(create(HUNNAN, "PUBLIC_WELFARE", 2200, FUNDING), "monthlyWage", "at-least-wage-floor")
                .body("detail", allOf(containsString("2200 is below the public-welfare wage floor of district 210112, 2300"),
                        containsString("the minimum wage 2300 of area 210112")));

        create(HUNNAN, "PUBLIC_WELFARE", 2300, FUNDING).statusCode(201);
        create(HUNNAN, "ENTERPRISE", 2200, null).statusCode(201);
    }

    @Test
    void shouldRefuseAPublicWelfareWageBelowTheSubsistenceLineTimesKWhereThatIsHigher() {
        problem(create(TIEXI, "PUBLIC_WELFARE", 2200, FUNDING), "monthlyWage", "at-least-wage-floor")
                .body("detail", allOf(containsString("wage floor of district 210106, 2250"),
                        containsString("the 低保 line 1500 of area 210106 × 1.5")));

        create(TIEXI, "PUBLIC_WELFARE", 2250, FUNDING).statusCode(201);
    }

    @Test
    void shouldHoldAChangedPublicWelfareWageToTheFloor() {
        String post = create(TIEXI, "PUBLIC_WELFARE", 2300, FUNDING).statusCode(201).extract().path("id");

        problem(officer(TIEXI).body(Map.of("monthlyWage", 2100)).patch("/api/v1/posts/{id}", post).then(), "monthlyWage",
                "at-least-wage-floor");
        officer(TIEXI).get("/api/v1/posts/{id}", post).then().statusCode(200).body("monthlyWage", yuan("2300"));
        officer(TIEXI).body(Map.of("monthlyWage", 2600)).patch("/api/v1/posts/{id}", post).then().statusCode(200)
                .body("monthlyWage", yuan("2600"));
    }

    @Test
    void shouldKeepAPostFromBeforeFundingWasRecordedAsItWasUntilAnOfficerChangesIt() throws SQLException {
        UUID legacy = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO job_post (id, kind, employer, district_code, title, monthly_wage, openings, social_insurance_paid, open,
                                      created_at, funding_budget)
                VALUES (?, 'PUBLIC_WELFARE', '浑南区环卫所', ?, '道路保洁', 1800, 2, true, true, now(), 'UNRECORDED')""")) {
            insert.setObject(1, legacy);
            insert.setString(2, HUNNAN);
            insert.executeUpdate();
        }

        officer(HUNNAN).get("/api/v1/posts/{id}", legacy).then().statusCode(200).body("funding.budget", equalTo("UNRECORDED"))
                .body("funding.monthlyPostSubsidy", nullValue()).body("open", equalTo(true));
        officer(HUNNAN).body(Map.of("workingHours", "6:00-14:00")).patch("/api/v1/posts/{id}", legacy).then().statusCode(200);
        officer(HUNNAN).body(Map.of("funding", FUNDING)).patch("/api/v1/posts/{id}", legacy).then().statusCode(200)
                .body("funding.budget", equalTo("EMPLOYMENT_FUND"));
        problem(officer(HUNNAN).body(Map.of("monthlyWage", 1900)).patch("/api/v1/posts/{id}", legacy).then(), "monthlyWage",
                "at-least-wage-floor");
    }

    private static ValidatableResponse create(String district, String kind, Number wage, Map<String, Object> funding) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", kind, "employer", "沈阳市公益性岗位管理中心", "districtCode", district,
                "title", "社区养老服务员", "monthlyWage", wage, "openings", 2, "contractMonths", 12, "socialInsurancePaid", true));
        if (funding != null) {
            body.put("funding", funding);
        }
        return officer(district).body(body).post("/api/v1/posts").then();
    }

    private static ValidatableResponse problem(ValidatableResponse answer, String field, String rule) {
        return answer.statusCode(400).contentType(startsWith("application/problem+json")).body("field", equalTo(field))
                .body("rule", equalTo(rule));
    }

    /** An amount as the JSON holds it, whatever its scale (2300 or 2300.00). */
    private static Matcher<Object> yuan(String amount) {
        return new CustomMatcher<>("an amount of " + amount) {
            @Override
            public boolean matches(Object actual) {
                return actual != null && new BigDecimal(actual.toString()).compareTo(new BigDecimal(amount)) == 0;
            }
        };
    }

    private static RequestSpecification officer(String area) {
        return given().config(RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.BIG_DECIMAL)))
                .header("Authorization", Tokens.bearer("placement-officer", area)).contentType("application/json");
    }
}
