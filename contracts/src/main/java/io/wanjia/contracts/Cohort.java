package io.wanjia.contracts;

/**
 * The programme a household belongs to (events carry it by name); deadline policies are keyed by area and cohort.
 * SHANTYTOWN_RELOCATION: residents moved back after shantytown redevelopment (棚改回迁居民), whose target is a job within
 * 60 days of moving back.
 */
public enum Cohort {
    STANDARD, SHANTYTOWN_RELOCATION, GRADUATE_FAMILY
}
