package io.wanjia.household.domain;

/** Worker or cadre, which decides a woman's statutory retirement age. */
public enum OccupationCategory {
    WORKER, CADRE
}
