package io.wanjia.deadline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.ServiceHealthChecks;

/** Health, OpenAPI and metrics as every service; and the supervisors' page, served without a token. */
@QuarkusTest
class HealthIT extends ServiceHealthChecks {

    @Test
    void shouldServeTheSupervisorInboxPageWithoutAToken() {
        given().get("/").then().statusCode(200).contentType("text/html")
                .body(containsString("/api/v1/escalations?acknowledged=false"))
                .body(containsString("/acknowledge"));
    }
}
