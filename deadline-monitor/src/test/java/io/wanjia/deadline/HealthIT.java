package io.wanjia.deadline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The service is ready only with its database and Kafka, and serves OpenAPI and metrics without a token. */
@QuarkusTest
class HealthIT {

    @Test
    void shouldBeReadyWithItsDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Database connections health check"))
                .body(containsString("Kafka connection health check"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void shouldServeTheSupervisorInboxPageWithoutAToken() {
        given().get("/").then().statusCode(200).contentType("text/html")
                .body(containsString("/api/v1/escalations?acknowledged=false"))
                .body(containsString("/acknowledge"));
    }

    @Test
    void shouldServeOpenApiSwaggerAndMetrics() {
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
