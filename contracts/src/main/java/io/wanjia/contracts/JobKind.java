package io.wanjia.contracts;

/** The kinds of work a member can be placed in. */
public enum JobKind {
    /** 公益性岗位: a publicly funded post, the fallback that guarantees a placement. */
    PUBLIC_WELFARE,
    ENTERPRISE,
    SELF_EMPLOYMENT,
    FLEXIBLE
}
