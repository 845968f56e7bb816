package io.wanjia.household.domain;

import java.math.BigDecimal;

import io.wanjia.contracts.JobKind;

/** What is known of a job, from a placement or an employment report. Unknown facts are null. */
public record EmploymentFacts(JobKind kind, Integer contractMonths, BigDecimal monthlyIncome,
        Boolean socialInsurancePaid, Boolean businessLicence) {
}
