package io.wanjia.deadline.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.wanjia.deadline.AssistanceCase;
import io.wanjia.deadline.CaseStep;
import io.wanjia.deadline.domain.Level;
import io.wanjia.deadline.domain.Outcome;
import io.wanjia.deadline.domain.SubscriptionKind;
import io.wanjia.deadline.domain.Target;

/** What deadline-monitor answers. */
public final class DeadlineViews {

    private DeadlineViews() {
    }

    /**
     * A case; {@code day} is today's day of the promise (counted from {@code clockFrom}) and {@code daysLeft} the calendar
     * days until its last day (negative: overdue) — all four null while the clock waits for the identification's confirmation.
     */
    public record CaseView(UUID id, UUID householdId, String districtCode, String cohort, Target target, UUID memberId, LocalDate since, LocalDate clockFrom,
            LocalDate lastDay, Instant deadlineAt, AssistanceCase.Status status, Outcome outcome, LocalDate closedOn, Integer day, Long daysLeft,
            Level currentLevel, String identificationStage, List<StepView> steps, List<TimelineEntry> timeline) {
    }

    /**
     * A step of a case, or (fired) an alert in the inbox; {@code target} and {@code memberId} say whose promise it is (the
     * household's: HOUSEHOLD, no member; a graduate's or a second-stage target's otherwise), so a supervisor can tell a
     * graduate's day 45 from a household's.
     */
    public record StepView(long id, UUID caseId, UUID householdId, String districtCode, Target target, UUID memberId, int seq,
            Level level, int day, boolean breach, int repeat, String recipientRole, String area, Instant dueAt, CaseStep.State state,
            Instant firedAt, Instant acknowledgedAt, String acknowledgedBy, String note, String identificationStage) {

        public static StepView of(CaseStep s, AssistanceCase c) {
            return new StepView(s.id, s.caseId, c.householdId, c.districtCode, c.target, c.memberId, s.seq, s.level, s.day, s.breach,
                    s.repeat, s.recipientRole, s.area, s.dueAt, s.state, s.firedAt, s.acknowledgedAt, s.acknowledgedBy, s.ackNote,
                    s.identificationStage);
        }
    }

    /** One line of a case's timeline. */
    public record TimelineEntry(Instant at, String type, JsonNode detail) {
    }

    /**
     * A subscription, without its secret or a robot's token: {@code url} is a webhook's, or a robot's address without
     * its key or access_token; {@code recipients} an e-mail subscription's addresses.
     */
    public record SubscriptionView(UUID id, SubscriptionKind kind, String url, List<String> recipients, String areaPrefix,
            Level minLevel, boolean active, Instant createdAt, String createdBy) {
    }

    /** One delivery of one alert to one subscription. */
    public record DeliveryView(long id, long stepId, String eventId, String eventType, String status, int attempts,
            Integer lastStatus, String lastError, Instant nextAttemptAt, Instant deliveredAt) {
    }
}
