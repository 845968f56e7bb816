package io.wanjia.deadline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.wanjia.commons.testing.Tokens;

/**
 * An administrator acts within their area like every other caller (issue #15, item 6): a district's admin neither
 * reads nor changes the policies, webhooks and delivery logs of another district or of their city — reading or
 * removing one answers 404, creating one outside the area 403 — and only a province's admin changes the holiday
 * calendar.
 */
@QuarkusTest
class AdminScopeIT {

    private static final String CITY = "2101";
    private static final String HEPING = "210102";
    private static final String SHENHE = "210103";
    /** The standard ladder, so that the policies set here change no other test's deadlines. */
    private static final Map<String, Object> STANDARD = Map.of("lengthDays", 20, "dayKind", "CALENDAR", "repeatEveryDays", 5,
            "ladder", List.of(Map.of("day", 10, "level", "COMMUNITY", "recipientRole", "caseworker", "areaDigits", 6),
                    Map.of("day", 15, "level", "STREET", "recipientRole", "supervisor", "areaDigits", 6),
                    Map.of("day", 18, "level", "DISTRICT", "recipientRole", "supervisor", "areaDigits", 6)),
            "breach", Map.of("day", 21, "level", "CITY", "recipientRole", "supervisor", "areaDigits", 4));

    @AfterEach
    void removePolicies() {
        admin(CITY).delete("/api/v1/policies/{prefix}", CITY);
        admin(CITY).delete("/api/v1/policies/{prefix}", SHENHE);
    }

    @Test
    void shouldKeepADistrictAdminFromTheCitysAndAnotherDistrictsPolicies() {
        admin(CITY).body(STANDARD).put("/api/v1/policies/{prefix}", CITY).then().statusCode(200);
        admin(SHENHE).body(STANDARD).put("/api/v1/policies/{prefix}", SHENHE).then().statusCode(200);

        admin(HEPING).get("/api/v1/policies").then().statusCode(200)
                .body("areaPrefix", not(hasItem(CITY))).body("areaPrefix", not(hasItem(SHENHE)));
        admin(HEPING).queryParam("district", SHENHE).get("/api/v1/policies/effective").then().statusCode(404);
        admin(HEPING).delete("/api/v1/policies/{prefix}", CITY).then().statusCode(404);
        admin(HEPING).delete("/api/v1/policies/{prefix}", SHENHE).then().statusCode(404);
        admin(HEPING).body(STANDARD).put("/api/v1/policies/{prefix}", CITY).then().statusCode(403)
                .body("field", equalTo("areaPrefix")).body("rule", equalTo("in-your-area"));
        admin(HEPING).body(STANDARD).put("/api/v1/policies/{prefix}", SHENHE).then().statusCode(403)
                .body("field", equalTo("areaPrefix"));

        admin(CITY).get("/api/v1/policies").then().statusCode(200).body("areaPrefix", hasItems(CITY, SHENHE));
    }

    @Test
    void shouldKeepADistrictAdminFromTheCitysAndAnotherDistrictsWebhooksAndTheirDeliveries() {
        String city = subscribe(CITY, CITY);
        String shenhe = subscribe(SHENHE, SHENHE);
        try {
            admin(HEPING).get("/api/v1/webhooks").then().statusCode(200).body("id", not(hasItem(city))).body("id", not(hasItem(shenhe)));
            for (String outside : List.of(city, shenhe)) {
                admin(HEPING).get("/api/v1/webhooks/{id}/deliveries", outside).then().statusCode(404);
                admin(HEPING).delete("/api/v1/webhooks/{id}", outside).then().statusCode(404);
            }
            admin(HEPING).body(subscription(CITY)).post("/api/v1/webhooks").then().statusCode(403).body("field", equalTo("areaPrefix"));
            admin(HEPING).body(subscription(SHENHE)).post("/api/v1/webhooks").then().statusCode(403).body("field", equalTo("areaPrefix"));

            admin(CITY).get("/api/v1/webhooks").then().statusCode(200)
                    .body("find { it.id == '" + city + "' }.active", equalTo(true))
                    .body("find { it.id == '" + shenhe + "' }.active", equalTo(true));
        } finally {
            admin(CITY).delete("/api/v1/webhooks/{id}", city);
            admin(CITY).delete("/api/v1/webhooks/{id}", shenhe);
        }
    }

    @Test
    void shouldLetOnlyAProvincesAdminChangeTheHolidayCalendar() {
        Map<String, String> nationalDay = Map.of("kind", "HOLIDAY"); // already listed: setting it again changes nothing
        for (String area : List.of(CITY, HEPING)) {
            admin(area).body(nationalDay).put("/api/v1/holidays/{day}", "2026-10-01").then().statusCode(403)
                    .body("rule", equalTo("province-admin"));
        }
        admin("21").body(nationalDay).put("/api/v1/holidays/{day}", "2026-10-01").then().statusCode(200);
        given().header("Authorization", Tokens.bearer("supervisor", "21")).contentType("application/json").body(nationalDay)
                .put("/api/v1/holidays/{day}", "2026-10-01").then().statusCode(403);
    }

    private static String subscribe(String adminArea, String areaPrefix) {
        return admin(adminArea).body(subscription(areaPrefix)).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
    }

    private static Map<String, String> subscription(String areaPrefix) {
        return Map.of("url", "http://127.0.0.1:9/alerts", "areaPrefix", areaPrefix, "minLevel", "CITY", "secret", "admin-scope-secret-0123");
    }

    private static RequestSpecification admin(String area) {
        return given().header("Authorization", Tokens.bearer("admin", area)).contentType("application/json");
    }
}
