package io.wanjia.deadline;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.ServiceHealthChecks;

/** Health, OpenAPI and metrics as every service. (Supervisors' screens are the console's, behind its login.) */
@QuarkusTest
class HealthIT extends ServiceHealthChecks {
}
