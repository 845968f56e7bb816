package io.wanjia.contracts.labour;

import java.math.BigDecimal;
import java.time.LocalDate;

import io.wanjia.contracts.JobKind;

/**
 * Another government system reports a person in work (e.g. social insurance contributions started).
 * The employment facts let household-service tell stable from unstable employment.
 */
public record EmploymentReported(String nationalId, String districtCode, LocalDate occurredOn, JobKind kind,
        String employer, Integer contractMonths, BigDecimal monthlyIncome, Boolean socialInsurancePaid,
        Boolean businessLicence, String sourceRef) {
}
