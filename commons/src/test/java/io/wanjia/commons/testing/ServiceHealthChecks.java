package io.wanjia.commons.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * What every service answers without a token: ready only with its database and Kafka, live, OpenAPI, Swagger
 * UI and Prometheus metrics. A service's {@code HealthIT} extends this with {@code @QuarkusTest}.
 */
public abstract class ServiceHealthChecks {

    @Test
    void shouldBeReadyWithItsDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Database connections health check"))
                .body(containsString("Kafka connection health check"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void shouldServeOpenApiSwaggerAndMetrics() {
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
