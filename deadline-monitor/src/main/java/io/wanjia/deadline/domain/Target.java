package io.wanjia.deadline.domain;

/**
 * What a case is for (issue #17): the household's promise (HOUSEHOLD: a member in work within its days), or, after the
 * first placement, a second-stage target with its own policy — DOUBLE_EMPLOYMENT (双就业: a second counted member in
 * stable work) or UNSTABLE_TO_STABLE (a placed member's unstable work made stable; Shenyang's 沈就办函〔2006〕33号 set a time
 * limit for it) — or GRADUATE, a member-level target: a recent graduate (大中专毕业生) of a household in difficulty (低保 or
 * zero-employment) in stable work within its days (the seed's 2007 "确保困难家庭大中专毕业生实现就业"). A second-stage target
 * has no built-in policy: it is off wherever none is set; GRADUATE has one ({@link Policy#graduate}), since the seed says
 * those graduates must be placed.
 */
public enum Target {
    HOUSEHOLD, DOUBLE_EMPLOYMENT, UNSTABLE_TO_STABLE, GRADUATE;

    /** The name events carry: null for the household's promise. */
    public String onEvents() {
        return this == HOUSEHOLD ? null : name();
    }
}
