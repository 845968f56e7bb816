package io.wanjia.placement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.wanjia.contracts.Education;
import io.wanjia.contracts.JobKind;
import io.wanjia.placement.domain.PostFit;
import io.wanjia.placement.domain.PostFunding;

/** A job post: 公益性岗位 (public welfare, the fallback), enterprise, self-employment support or flexible work. */
@Entity
@Table(name = "job_post")
public class JobPost extends PanacheEntityBase {

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public JobKind kind;
    public String employer;
    @Column(name = "district_code")
    public String districtCode;
    public String title;
    @Column(name = "monthly_wage")
    public BigDecimal monthlyWage;
    public int openings;
    public int filled;
    @Column(name = "contract_months")
    public Integer contractMonths;
    @Column(name = "social_insurance_paid")
    public boolean socialInsurancePaid;
    @Column(name = "business_licence")
    public boolean businessLicence;
    @Column(name = "min_age")
    public Integer minAge;
    @Column(name = "max_age")
    public Integer maxAge;
    @Enumerated(EnumType.STRING)
    @Column(name = "min_education")
    public Education minEducation;
    /** Comma-separated skill tags. */
    public String skills;
    @Column(name = "working_hours")
    public String workingHours;
    public boolean open;
    /** Whether officers of the post's other districts in the same city may suggest and offer it (README, Decisions). */
    @Column(name = "open_to_city")
    public boolean openToCity;
    /** Which budget bought a public-welfare post; null for every other kind (the table's CHECK holds both ways). */
    @Enumerated(EnumType.STRING)
    @Column(name = "funding_budget")
    public PostFunding.Budget fundingBudget;
    @Column(name = "funding_budget_line")
    public String fundingBudgetLine;
    @Column(name = "monthly_post_subsidy")
    public BigDecimal monthlyPostSubsidy;
    @Column(name = "monthly_social_insurance_subsidy")
    public BigDecimal monthlySocialInsuranceSubsidy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public long version;

    public int openingsLeft() {
        return openings - filled;
    }

    /** How a public-welfare post was bought; null for other kinds. */
    public PostFunding funding() {
        return fundingBudget == null ? null
                : new PostFunding(fundingBudget, fundingBudgetLine, monthlyPostSubsidy, monthlySocialInsuranceSubsidy);
    }

    /** Records how the post was bought (null clears it). */
    public void fund(PostFunding funding) {
        fundingBudget = funding == null ? null : funding.budget();
        fundingBudgetLine = funding == null ? null : funding.budgetLine();
        monthlyPostSubsidy = funding == null ? null : funding.monthlyPostSubsidy();
        monthlySocialInsuranceSubsidy = funding == null ? null : funding.monthlySocialInsuranceSubsidy();
    }

    public Set<String> skillSet() {
        return skills == null || skills.isBlank() ? Set.of() : Arrays.stream(skills.split(",")).collect(Collectors.toSet());
    }

    /** The post as the fit scoring sees it. */
    public PostFit.PostFacts facts() {
        return new PostFit.PostFacts(id, kind, districtCode, minAge, maxAge, minEducation, skillSet(), monthlyWage, openingsLeft(),
                contractMonths);
    }
}
