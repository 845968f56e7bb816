package io.wanjia.deadline.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.wanjia.deadline.domain.ClockStart;
import io.wanjia.deadline.domain.DayKind;
import io.wanjia.deadline.domain.Level;
import io.wanjia.deadline.domain.SubscriptionKind;

/** The bodies deadline-monitor accepts. */
public final class DeadlineRequests {

    private DeadlineRequests() {
    }

    /** A policy for an area prefix; {@code clockStarts} absent: ZERO_EMPLOYMENT (the clock runs from detection). */
    public record PolicyBody(@NotNull @Min(1) @Max(365) Integer lengthDays, @NotNull DayKind dayKind,
            @NotNull @Size(max = 10) List<@Valid @NotNull Step> ladder, @NotNull @Valid Step breach,
            @NotNull @Min(1) @Max(90) Integer repeatEveryDays, @Valid Identification identification, ClockStart clockStarts) {
    }

    /** The identification's sub-deadlines in working days (absent: verify 3, review 2, posting 7, confirm 2). */
    public record Identification(@NotNull @Min(1) @Max(30) Integer verify, @NotNull @Min(1) @Max(30) Integer review,
            @NotNull @Min(1) @Max(30) Integer posting, @NotNull @Min(1) @Max(30) Integer confirm) {
    }

    /** A rung: alert {@code recipientRole} of the case's first {@code areaDigits} digits on case day {@code day}. */
    public record Step(@NotNull @Min(1) @Max(366) Integer day, @NotNull Level level,
            @NotBlank @Pattern(regexp = "caseworker|supervisor", message = "must be caseworker or supervisor (the roles with an inbox)") String recipientRole,
            @NotNull @Min(2) @Max(6) Integer areaDigits) {
    }

    /** Acknowledge an alert with a note. */
    public record Acknowledge(@Size(max = 1000) String note) {
    }

    /**
     * Subscribe to an area's alerts: {@code kind} absent or WEBHOOK (url, secret), EMAIL (recipients), WECOM (the robot's
     * url with its key), DINGTALK (the robot's url with its access_token, and its 加签 secret). Which fields a kind takes
     * is checked by {@code SubscriptionRule}.
     */
    public record Subscribe(SubscriptionKind kind,
            @Pattern(regexp = "https?://.+", message = "must be an http or https URL") @Size(max = 500) String url,
            List<String> recipients,
            @NotBlank @Pattern(regexp = "\\d{2}|\\d{4}|\\d{6}", message = "must be a division-code prefix of 2, 4 or 6 digits") String areaPrefix,
            @NotNull Level minLevel,
            @Size(min = 16, max = 200, message = "must be 16 to 200 characters") String secret) {
    }

    /** What a date of the holiday calendar is. */
    public record HolidayBody(@NotNull io.wanjia.deadline.domain.WorkingDayCalendar.Kind kind) {
    }
}
