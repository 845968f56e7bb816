package io.wanjia.placement;

import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.wanjia.contracts.Education;
import io.wanjia.contracts.Gender;
import io.wanjia.placement.domain.PostFit;

/** A member of a zero-employment household who can be placed: a read model of household events, no national ID. */
@Entity
public class Candidate extends PanacheEntityBase {

    @Id
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "household_id")
    public UUID householdId;
    @Column(name = "district_code")
    public String districtCode;
    public String cohort;
    /** Age on {@link #ageOn}, as household-service reported it. */
    public int age;
    @Column(name = "age_on")
    public LocalDate ageOn;
    @Enumerated(EnumType.STRING)
    public Gender gender;
    @Enumerated(EnumType.STRING)
    public Education education;
    public String skills;
    /** Day 1 of the household's zero-employment state. */
    public LocalDate since;
    public boolean active;

    /** The age on {@code date}, counted on from what was reported. */
    public int ageOn(LocalDate date) {
        return age + Math.max(0, Period.between(ageOn, date).getYears());
    }

    public Set<String> skillSet() {
        return skills == null || skills.isBlank() ? Set.of() : Arrays.stream(skills.split(",")).collect(Collectors.toSet());
    }

    /**
     * The candidate as the fit scoring sees them on {@code date}: the skills household-service reported and those
     * {@code learnt} in completed courses.
     */
    public PostFit.CandidateFacts facts(LocalDate date, Set<String> learnt) {
        Set<String> skills = new HashSet<>(skillSet());
        skills.addAll(learnt);
        return new PostFit.CandidateFacts(memberId, districtCode, ageOn(date), education, skills);
    }
}
