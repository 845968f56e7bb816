package io.wanjia.reporting.domain;

/** Every figure a report shows, with its Chinese and English headers, in the order exports list them. */
public enum Figure {
    ZERO_EMPLOYMENT_NOW("zeroEmploymentNow", "当前零就业家庭户数", "Zero-employment households now"),
    /** Households that became zero-employment (found by monitoring or declared), by the business date. */
    NEWLY_DETECTED("newlyDetected", "新发现零就业家庭户数", "Households newly found zero-employment"),
    /** Households the district confirmed (认定) and entered in the ledger, by the confirmation date. */
    NEWLY_IDENTIFIED("newlyIdentified", "新认定零就业家庭户数", "Households newly identified (confirmed)"),
    /** Households out of zero-employment into work (消除): a member placed or employed elsewhere, by the business date. */
    ELIMINATED("eliminated", "消除零就业家庭户数（实现就业）", "Households out of zero-employment into work"),
    /** Households that left the programme by an exit (退出: refused offers, unreachable, business income, lost ability). */
    EXITED("exited", "退出户数", "Households exited"),
    /** Households that stopped meeting the rule without work (e.g. a member retired or moved out). */
    NO_LONGER_ELIGIBLE("noLongerEligible", "不再符合条件户数", "Households no longer eligible"),
    CLOSED_MET("closedMet", "按期安置结案", "Cases closed within the deadline"),
    CLOSED_MET_LATE("closedMetLate", "超期安置结案", "Cases closed after the deadline"),
    CLOSED_WITHDRAWN("closedWithdrawn", "退出结案", "Cases withdrawn"),
    SHARE_WITHIN_DEADLINE("shareWithinDeadline", "按期安置率", "Share placed within the deadline"),
    MEDIAN_DAYS_TO_PLACEMENT("medianDaysToPlacement", "安置天数中位数", "Median days to placement"),
    MEAN_DAYS_TO_PLACEMENT("meanDaysToPlacement", "平均安置天数", "Mean days to placement"),
    PLACEMENTS_PUBLIC_WELFARE("placementsPublicWelfare", "公益性岗位安置", "Placed in public-welfare posts"),
    PLACEMENTS_ENTERPRISE("placementsEnterprise", "企业岗位安置", "Placed in enterprise jobs"),
    PLACEMENTS_SELF_EMPLOYMENT("placementsSelfEmployment", "自主创业", "Placed in self-employment"),
    PLACEMENTS_FLEXIBLE("placementsFlexible", "灵活就业", "Placed in flexible work"),
    MEMBERS_PLACED("membersPlaced", "安置人数", "Members placed"),
    /** Members placed in work that pays social insurance: contributions resumed (恢复缴纳社会保险). */
    SOCIAL_INSURANCE_RESUMED("socialInsuranceResumed", "恢复缴纳社会保险人数", "Members placed with social insurance paid"),
    /** Open cases whose clock waits for the identification's confirmation (a policy that starts it there). */
    /** Members referred to a training course (技能培训), by the referral's date. */
    TRAINING_REFERRALS("trainingReferrals", "技能培训转介人次", "Training referrals"),
    /** Training referrals that ended with the course completed, by the day it ended (drop-outs are not counted). */
    TRAINING_COMPLETIONS("trainingCompletions", "完成技能培训人次", "Training courses completed"),
    OPEN_AWAITING_CONFIRMATION("openAwaitingConfirmation", "在办案例（待认定）", "Open cases awaiting identification"),
    OPEN_DAYS_0_10("openDays0to10", "在办案例（0–10天）", "Open cases, day 0–10"),
    OPEN_DAYS_11_15("openDays11to15", "在办案例（11–15天）", "Open cases, day 11–15"),
    OPEN_DAYS_16_18("openDays16to18", "在办案例（16–18天）", "Open cases, day 16–18"),
    OPEN_DAYS_19_20("openDays19to20", "在办案例（19–20天）", "Open cases, day 19–20"),
    OPEN_OVERDUE("openOverdue", "超期在办案例", "Open cases past the deadline"),
    ESCALATIONS_COMMUNITY("escalationsCommunity", "社区督办", "Escalations to community"),
    ESCALATIONS_STREET("escalationsStreet", "街道督办", "Escalations to street office"),
    ESCALATIONS_DISTRICT("escalationsDistrict", "区督办", "Escalations to district"),
    ESCALATIONS_CITY("escalationsCity", "市督办（超期）", "Escalations to city (overdue)"),
    /** 双就业: households that were zero-employment with two counted members in stable work now. */
    DOUBLE_EMPLOYMENT_HOUSEHOLDS("doubleEmploymentHouseholds", "双就业家庭户数", "Households with two members in stable work"),
    LABOUR_REPORTS("labourReports", "就业失业报告数", "Labour reports received");

    private final String key;
    private final String zh;
    private final String en;

    Figure(String key, String zh, String en) {
        this.key = key;
        this.zh = zh;
        this.en = en;
    }

    /** The JSON name. */
    public String key() {
        return key;
    }

    /** The header in {@code language} ({@code zh} or {@code en}). */
    public String header(String language) {
        return "en".equals(language) ? en : zh;
    }
}
