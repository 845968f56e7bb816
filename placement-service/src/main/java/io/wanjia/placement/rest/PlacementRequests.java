package io.wanjia.placement.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.wanjia.commons.rest.InputBounds;
import io.wanjia.contracts.Education;
import io.wanjia.contracts.JobKind;
import io.wanjia.placement.FollowUp;
import io.wanjia.placement.domain.PostFunding;

/** The bodies placement-service accepts. */
public final class PlacementRequests {

    private PlacementRequests() {
    }

    /** A new job post; a public-welfare post carries its {@code funding}, other kinds none. */
    public record NewPost(@NotNull JobKind kind, @NotBlank @Size(max = 200) String employer,
            @NotBlank @Pattern(regexp = "\\d{6}", message = "must be a 6-digit GB/T 2260 division code") String districtCode,
            @NotBlank @Size(max = 200) String title, @NotNull @DecimalMin("0") @DecimalMax(InputBounds.MAX_MONTHLY_AMOUNT) BigDecimal monthlyWage,
            @NotNull @Min(1) @Max(10000) Integer openings, @Min(0) @Max(120) Integer contractMonths,
            @NotNull Boolean socialInsurancePaid, Boolean businessLicence, @Min(16) @Max(70) Integer minAge,
            @Min(16) @Max(70) Integer maxAge, Education minEducation,
            List<@NotBlank @Size(max = 40) @Pattern(regexp = "[^,]+", message = "must not contain a comma") String> skills,
            @Size(max = 100) String workingHours, Boolean openToCity, @Valid Funding funding) {
    }

    /** How a public-welfare post was bought: the budget (OTHER names its line), and the monthly subsidies it brings. */
    public record Funding(@NotNull PostFunding.Budget budget, @Size(max = 100) String budgetLine,
            @NotNull @DecimalMin("0") @DecimalMax(InputBounds.MAX_MONTHLY_AMOUNT) BigDecimal monthlyPostSubsidy,
            @NotNull @DecimalMin("0") @DecimalMax(InputBounds.MAX_MONTHLY_AMOUNT) BigDecimal monthlySocialInsuranceSubsidy) {

        public PostFunding value() {
            return new PostFunding(budget, budgetLine == null || budgetLine.isBlank() ? null : budgetLine.trim(), monthlyPostSubsidy,
                    monthlySocialInsuranceSubsidy);
        }
    }

    /** A change to a post: absent fields stay; {@code funding} replaces a public-welfare post's funding as a whole. */
    public record PostChange(@Size(max = 200) String title, @DecimalMin("0") @DecimalMax(InputBounds.MAX_MONTHLY_AMOUNT) BigDecimal monthlyWage,
            @Min(0) @Max(10000) Integer openings, @Min(0) @Max(120) Integer contractMonths, Boolean socialInsurancePaid,
            @Min(16) @Max(70) Integer minAge, @Min(16) @Max(70) Integer maxAge, Education minEducation,
            List<@NotBlank @Size(max = 40) @Pattern(regexp = "[^,]+", message = "must not contain a comma") String> skills,
            @Size(max = 100) String workingHours, Boolean openToCity, @Valid Funding funding) {
    }

    /** Offer a post to a candidate. */
    public record NewOffer(@NotNull UUID memberId, @NotNull UUID postId) {
    }

    /** The member declines; {@code reasonable} says whether the reason is one the rules accept. */
    public record Decline(@NotBlank @Size(max = 500) String reason, @NotNull Boolean reasonable) {
    }

    /** The member accepts; the placement starts on {@code startDate} (default today). */
    public record Accept(LocalDate startDate) {
    }

    /** The placement ended (the job was lost or left). */
    public record End(@NotBlank @Size(max = 500) String reason, LocalDate on) {
    }

    /** What a follow-up visit found. */
    public record FollowUpResult(@NotNull FollowUp.Result result, @Size(max = 1000) String note) {
    }
}
