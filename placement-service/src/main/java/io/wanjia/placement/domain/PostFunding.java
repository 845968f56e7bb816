package io.wanjia.placement.domain;

import java.math.BigDecimal;

/**
 * How a public-welfare post was bought (购买公益性岗位): the budget that pays for it, the line of that budget, and the
 * monthly post subsidy (岗位补贴) and social-insurance subsidy (社会保险补贴) it brings.
 *
 * @param budgetLine the budget line as the district names it (e.g. 公益性岗位补贴), optional
 */
public record PostFunding(Budget budget, String budgetLine, BigDecimal monthlyPostSubsidy, BigDecimal monthlySocialInsuranceSubsidy) {

    /** The budgets a district buys public-welfare posts from. */
    public enum Budget {
        /** 就业专项资金. */
        EMPLOYMENT_FUND,
        /** 失业保险基金. */
        UNEMPLOYMENT_INSURANCE_FUND,
        /** 地方财政: the district's or city's own budget. */
        LOCAL_BUDGET,
        /** 彩票公益金. */
        LOTTERY_WELFARE_FUND,
        /** Another budget, named by {@link PostFunding#budgetLine()}. */
        OTHER,
        /** A post from before funding was recorded (README, Decisions); never accepted as input. */
        UNRECORDED
    }
}
