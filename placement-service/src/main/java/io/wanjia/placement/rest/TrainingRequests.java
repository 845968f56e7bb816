package io.wanjia.placement.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.wanjia.commons.rest.InputBounds;
import io.wanjia.contracts.placement.TrainingCompleted;
import io.wanjia.placement.Course;

/** The bodies of the training endpoints. */
public final class TrainingRequests {

    private TrainingRequests() {
    }

    /** A new course: a SUBSIDISED one states its subsidy per trainee, a FREE one none. */
    public record NewCourse(@NotBlank @Pattern(regexp = "\\d{6}", message = "must be a 6-digit GB/T 2260 division code") String districtCode,
            @NotBlank @Size(max = 200) String provider, @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 40) @Pattern(regexp = "[^,]+", message = "must not contain a comma") String skill,
            @NotNull LocalDate startDate, @NotNull LocalDate endDate, @NotNull Course.Cost cost,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax(InputBounds.MAX_MONTHLY_AMOUNT) BigDecimal subsidyAmount,
            Boolean openToCity) {

        /** The course this request describes, not yet recorded. */
        public Course toCourse() {
            Course course = new Course();
            course.districtCode = districtCode;
            course.provider = provider.trim();
            course.title = title.trim();
            course.skill = skill.trim();
            course.startDate = startDate;
            course.endDate = endDate;
            course.cost = cost;
            course.subsidyAmount = subsidyAmount;
            course.openToCity = Boolean.TRUE.equals(openToCity);
            return course;
        }
    }

    /** Refer a candidate to a course. */
    public record NewReferral(@NotNull UUID memberId, @NotNull UUID courseId) {
    }

    /** The member attends the course from {@code on} (default today). */
    public record Attendance(LocalDate on) {
    }

    /** The referral ended on {@code on} (default today): the course completed, or the member dropped out. */
    public record Completion(@NotNull TrainingCompleted.Outcome outcome, LocalDate on) {
    }
}
