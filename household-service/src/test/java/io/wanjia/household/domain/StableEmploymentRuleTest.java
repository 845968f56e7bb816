package io.wanjia.household.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.wanjia.contracts.JobKind;

/** Stable or unstable employment (DESIGN.md "Stable employment"), against a minimum wage of 2100 a month. */
class StableEmploymentRuleTest {

    private static final BigDecimal MINIMUM_WAGE = new BigDecimal("2100");

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
            "labour contract of exactly one year is stable,  ENTERPRISE,      12,   2500, true,  false, EMPLOYED_STABLE",
            "labour contract under one year is unstable,     ENTERPRISE,      11,   5000, true,  false, EMPLOYED_UNSTABLE",
            "no contract length known is unstable,            ENTERPRISE,      null, 5000, true,  false, EMPLOYED_UNSTABLE",
            "public-welfare post with a one-year contract,    PUBLIC_WELFARE,  12,   2100, true,  false, EMPLOYED_STABLE",
            "self-employed with licence at minimum wage,      SELF_EMPLOYMENT, null, 2100, false, true,  EMPLOYED_STABLE",
            "self-employed without a licence is unstable,     SELF_EMPLOYMENT, null, 9000, false, false, EMPLOYED_UNSTABLE",
            "self-employed below minimum wage is unstable,    SELF_EMPLOYMENT, null, 2099, false, true,  EMPLOYED_UNSTABLE",
            "flexible work with insurance at minimum wage,    FLEXIBLE,        null, 2100, true,  false, EMPLOYED_STABLE",
            "flexible work without social insurance,          FLEXIBLE,        null, 3000, false, false, EMPLOYED_UNSTABLE",
            "flexible work below minimum wage,                FLEXIBLE,        null, 1500, true,  false, EMPLOYED_UNSTABLE",
    })
    void shouldJudgeStability(String rule, JobKind kind, Integer months, BigDecimal income, boolean insurance, boolean licence,
            EmploymentStatus expected) {
        EmploymentFacts job = new EmploymentFacts(kind, months, income, insurance, licence);

        assertThat(StableEmploymentRule.judge(job, MINIMUM_WAGE)).as(rule).isEqualTo(expected);
    }
}
