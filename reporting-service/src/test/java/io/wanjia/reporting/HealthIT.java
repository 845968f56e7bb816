package io.wanjia.reporting;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.ServiceHealthChecks;

/** The service is ready only with its database and Kafka, and serves OpenAPI and metrics without a token. */
@QuarkusTest
class HealthIT extends ServiceHealthChecks {
}
