package io.wanjia.reporting.domain;

/** Every figure a report shows, with its Chinese and English headers, in the order exports list them. */
public enum Figure {
    ZERO_EMPLOYMENT_NOW("zeroEmploymentNow", "当前零就业家庭户数", "Zero-employment households now"),
    /** Of those, households of the cohort SHANTYTOWN_RELOCATION (棚改回迁居民). */
    ZERO_EMPLOYMENT_NOW_SHANTYTOWN("zeroEmploymentNowShantytown", "其中：棚改回迁居民户", "Of which relocated shantytown residents"),
    /** Of those, households of the cohort GRADUATE_FAMILY (大中专毕业生家庭). */
    ZERO_EMPLOYMENT_NOW_GRADUATE_FAMILY("zeroEmploymentNowGraduateFamily", "其中：大中专毕业生家庭户", "Of which graduates' families"),
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
    /**
     * Zero-employment households that moved here from another district of the city (转入, issue #18), by the day they
     * arrived: found there, so not among those newly found here.
     */
    MOVED_IN("movedIn", "转入零就业家庭户数", "Zero-employment households moved in from another district"),
    /** Zero-employment households that moved to another district of the city (转出), by the day they were released. */
    MOVED_OUT("movedOut", "转出零就业家庭户数", "Zero-employment households moved out to another district"),
    CLOSED_MET("closedMet", "按期安置结案", "Cases closed within the deadline"),
    CLOSED_MET_LATE("closedMetLate", "超期安置结案", "Cases closed after the deadline"),
    CLOSED_WITHDRAWN("closedWithdrawn", "退出结案", "Cases withdrawn"),
    SHARE_WITHIN_DEADLINE("shareWithinDeadline", "按期安置率", "Share placed within the deadline"),
    MEDIAN_DAYS_TO_PLACEMENT("medianDaysToPlacement", "安置天数中位数", "Median days to placement"),
    MEAN_DAYS_TO_PLACEMENT("meanDaysToPlacement", "平均安置天数", "Mean days to placement"),
    /** The median days of the cases a placement of each kind closed (the channel that kept the promise). */
    MEDIAN_DAYS_PUBLIC_WELFARE("medianDaysPublicWelfare", "安置天数中位数（公益性岗位）", "Median days to placement, public-welfare"),
    MEDIAN_DAYS_ENTERPRISE("medianDaysEnterprise", "安置天数中位数（企业岗位）", "Median days to placement, enterprise"),
    MEDIAN_DAYS_SELF_EMPLOYMENT("medianDaysSelfEmployment", "安置天数中位数（自主创业）", "Median days to placement, self-employment"),
    MEDIAN_DAYS_FLEXIBLE("medianDaysFlexible", "安置天数中位数（灵活就业）", "Median days to placement, flexible work"),
    PLACEMENTS_PUBLIC_WELFARE("placementsPublicWelfare", "公益性岗位安置", "Placed in public-welfare posts"),
    PLACEMENTS_ENTERPRISE("placementsEnterprise", "企业岗位安置", "Placed in enterprise jobs"),
    PLACEMENTS_SELF_EMPLOYMENT("placementsSelfEmployment", "自主创业", "Placed in self-employment"),
    PLACEMENTS_FLEXIBLE("placementsFlexible", "灵活就业", "Placed in flexible work"),
    MEMBERS_PLACED("membersPlaced", "安置人数", "Members placed"),
    /** Members placed in work that pays social insurance: contributions resumed (恢复缴纳社会保险). */
    SOCIAL_INSURANCE_RESUMED("socialInsuranceResumed", "恢复缴纳社会保险人数", "Members placed with social insurance paid"),
    /** Members referred to a training course (技能培训), by the referral's date. */
    TRAINING_REFERRALS("trainingReferrals", "技能培训转介人次", "Training referrals"),
    /** Training referrals that ended with the course completed, by the day it ended (drop-outs are not counted). */
    TRAINING_COMPLETIONS("trainingCompletions", "完成技能培训人次", "Training courses completed"),
    /** Public-welfare placements running on the day (公益性岗位在岗人数): started by it, not ended by it. */
    PUBLIC_WELFARE_POSTS_HELD("publicWelfarePostsHeld", "公益性岗位在岗人数", "Public-welfare posts held"),
    /**
     * What those posts cost a month at their rates on the day: their monthly post subsidies and social-insurance subsidies,
     * in yuan — a rate, not the month's spending (a post held half the month counts whole, one ended before the day not).
     */
    PUBLIC_WELFARE_MONTHLY_COST("publicWelfareMonthlyCost", "在岗公益性岗位月补贴标准合计（元）",
            "Monthly subsidy rates of public-welfare posts held (yuan)"),
    /** Open cases whose clock waits for the identification's confirmation (a policy that starts it there). */
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
    /** A graduate's member-level target (大中专毕业生): cases open now, closed within and after their deadline. */
    GRADUATE_TARGETS_OPEN("graduateTargetsOpen", "大中专毕业生目标在办", "Graduate targets open"),
    GRADUATE_TARGETS_MET("graduateTargetsMet", "大中专毕业生按期就业", "Graduate targets met in time"),
    GRADUATE_TARGETS_MET_LATE("graduateTargetsMetLate", "大中专毕业生超期就业", "Graduate targets met late"),
    /** The second-stage target 双就业: a second counted member in stable work. */
    DOUBLE_EMPLOYMENT_TARGETS_OPEN("doubleEmploymentTargetsOpen", "双就业目标在办", "Double-employment targets open"),
    DOUBLE_EMPLOYMENT_TARGETS_MET("doubleEmploymentTargetsMet", "双就业目标按期实现", "Double-employment targets met in time"),
    DOUBLE_EMPLOYMENT_TARGETS_MET_LATE("doubleEmploymentTargetsMetLate", "双就业目标超期实现", "Double-employment targets met late"),
    /** The second-stage target unstable → stable: the placed member's unstable work becomes stable. */
    UNSTABLE_TO_STABLE_TARGETS_OPEN("unstableToStableTargetsOpen", "不稳定就业转稳定在办", "Unstable-to-stable targets open"),
    UNSTABLE_TO_STABLE_TARGETS_MET("unstableToStableTargetsMet", "不稳定就业按期转稳定", "Unstable-to-stable targets met in time"),
    UNSTABLE_TO_STABLE_TARGETS_MET_LATE("unstableToStableTargetsMetLate", "不稳定就业超期转稳定", "Unstable-to-stable targets met late"),
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

    /** Whether the figure is a ratio or an average, null where nothing was counted (not 0). */
    public boolean averaged() {
        return this == SHARE_WITHIN_DEADLINE || this == MEDIAN_DAYS_TO_PLACEMENT || this == MEAN_DAYS_TO_PLACEMENT
                || this == MEDIAN_DAYS_PUBLIC_WELFARE || this == MEDIAN_DAYS_ENTERPRISE || this == MEDIAN_DAYS_SELF_EMPLOYMENT
                || this == MEDIAN_DAYS_FLEXIBLE;
    }

    /** The header in {@code language} ({@code zh} or {@code en}). */
    public String header(String language) {
        return "en".equals(language) ? en : zh;
    }
}
