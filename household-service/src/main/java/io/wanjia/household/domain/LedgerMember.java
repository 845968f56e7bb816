package io.wanjia.household.domain;

import java.time.LocalDate;
import java.util.List;

import io.wanjia.contracts.Education;
import io.wanjia.contracts.Gender;

/** One member's row of a ledger, checked: the facts the registration API's member takes, the birth date and gender the ID's. */
public record LedgerMember(long row, NationalId nationalId, String name, Relation relation, LocalDate birthDate, Gender gender,
        Education education, List<String> skills, LabourCapacity labourCapacity, boolean willingToWork,
        OccupationCategory occupationCategory, EmploymentStatus status, LocalDate statusSince, boolean businessIncome,
        LocalDate graduatedOn) {
}
