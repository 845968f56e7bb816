package io.wanjia.household.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.UUID;

import io.wanjia.contracts.Gender;

/** What the zero-employment rule needs to know of one member. */
public record MemberFacts(UUID memberId, LocalDate birthDate, Gender gender, OccupationCategory category,
        LabourCapacity capacity, boolean willingToWork, EmploymentStatus status, boolean businessOrInvestmentIncome) {

    /** Working age starts on the 16th birthday. */
    public static final int WORKING_AGE_FROM = 16;

    /** Age in whole years on {@code date}. */
    public int ageOn(LocalDate date) {
        return Period.between(birthDate, date).getYears();
    }

    /** The 16th birthday. */
    public LocalDate workingAgeFrom() {
        return birthDate.plusYears(WORKING_AGE_FROM);
    }

    /** The day retirement age is reached. */
    public LocalDate retirementOn() {
        return RetirementAge.retirementDate(birthDate, gender, category);
    }

    /** Whether the member is of working age on {@code date}: from the 16th birthday until retirement age. */
    public boolean ofWorkingAgeOn(LocalDate date) {
        return !date.isBefore(workingAgeFrom()) && date.isBefore(retirementOn());
    }
}
