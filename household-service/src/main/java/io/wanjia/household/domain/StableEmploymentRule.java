package io.wanjia.household.domain;

import java.math.BigDecimal;

import io.wanjia.contracts.JobKind;

/**
 * Stable employment (ends a case): a labour contract of at least one year; self-employment with a licence
 * and income at least the local minimum wage; flexible work with income at least the minimum wage and social
 * insurance paid. Anything less is unstable employment: recorded and followed up, but it does not end the
 * zero-employment state.
 */
public final class StableEmploymentRule {

    /** A labour contract this long or longer is stable. */
    public static final int MIN_CONTRACT_MONTHS = 12;

    private StableEmploymentRule() {
    }

    /** EMPLOYED_STABLE or EMPLOYED_UNSTABLE for a job, against the district's monthly minimum wage. */
    public static EmploymentStatus judge(EmploymentFacts job, BigDecimal minimumWage) {
        JobKind kind = job.kind() == null ? JobKind.ENTERPRISE : job.kind();
        boolean stable = switch (kind) {
            case ENTERPRISE, PUBLIC_WELFARE -> job.contractMonths() != null && job.contractMonths() >= MIN_CONTRACT_MONTHS;
            case SELF_EMPLOYMENT -> Boolean.TRUE.equals(job.businessLicence()) && atLeast(job.monthlyIncome(), minimumWage);
            case FLEXIBLE -> Boolean.TRUE.equals(job.socialInsurancePaid()) && atLeast(job.monthlyIncome(), minimumWage);
        };
        return stable ? EmploymentStatus.EMPLOYED_STABLE : EmploymentStatus.EMPLOYED_UNSTABLE;
    }

    private static boolean atLeast(BigDecimal income, BigDecimal minimum) {
        return income != null && income.compareTo(minimum) >= 0;
    }
}
