package io.wanjia.household.domain;

import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

import io.wanjia.contracts.Gender;

/**
 * Statutory retirement age as a dated rule. Before the reform: men 60, women cadres 55, women workers 50.
 * The reform in force from 2025-01-01 (NPC Standing Committee decision of 2024-09-13) raises it gradually
 * by birth month: men and women cadres by one month for every four months of birth from January 1965 and
 * January 1970 respectively, up to 63 and 58; women workers by one month for every two months of birth from
 * January 1975, up to 55.
 */
public final class RetirementAge {

    /** The first day the reform applies to anyone. */
    public static final LocalDate REFORM_START = LocalDate.of(2025, 1, 1);

    private RetirementAge() {
    }

    /** The statutory retirement age of a person born on {@code birthDate}. */
    public static Period of(LocalDate birthDate, Gender gender, OccupationCategory category) {
        if (gender == Gender.MALE) {
            return Period.ofYears(60).plusMonths(delayMonths(birthDate, YearMonth.of(1965, 1), 4, 36)).normalized();
        }
        if (category == OccupationCategory.CADRE) {
            return Period.ofYears(55).plusMonths(delayMonths(birthDate, YearMonth.of(1970, 1), 4, 36)).normalized();
        }
        return Period.ofYears(50).plusMonths(delayMonths(birthDate, YearMonth.of(1975, 1), 2, 60)).normalized();
    }

    /** The day a person reaches retirement age (no longer of working age from that day). */
    public static LocalDate retirementDate(LocalDate birthDate, Gender gender, OccupationCategory category) {
        return birthDate.plus(of(birthDate, gender, category));
    }

    /**
     * Months added by the reform for a birth month: none before {@code firstCohort}, then one more for every
     * {@code monthsPerStep} months of birth, starting with one, up to {@code cap}.
     */
    private static long delayMonths(LocalDate birthDate, YearMonth firstCohort, int monthsPerStep, int cap) {
        long monthsAfter = ChronoUnit.MONTHS.between(firstCohort, YearMonth.from(birthDate));
        if (monthsAfter < 0) {
            return 0;
        }
        return Math.min(cap, monthsAfter / monthsPerStep + 1);
    }
}
