package io.wanjia.contracts;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.wanjia.contracts.escalation.CaseClockStarted;
import io.wanjia.contracts.escalation.CaseClosed;
import io.wanjia.contracts.escalation.CaseEscalated;
import io.wanjia.contracts.escalation.CaseOpened;
import io.wanjia.contracts.escalation.DeadlineBreached;
import io.wanjia.contracts.household.GraduateRegistered;
import io.wanjia.contracts.household.HouseholdExited;
import io.wanjia.contracts.household.HouseholdRegistered;
import io.wanjia.contracts.household.IdentificationConfirmed;
import io.wanjia.contracts.household.IdentificationOpened;
import io.wanjia.contracts.household.IdentificationRejected;
import io.wanjia.contracts.household.IdentificationStepCompleted;
import io.wanjia.contracts.household.LabourReportsReceived;
import io.wanjia.contracts.household.MemberChanged;
import io.wanjia.contracts.household.ZeroEmploymentEnded;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.contracts.identity.IdentityClaimed;
import io.wanjia.contracts.identity.IdentityReleased;
import io.wanjia.contracts.labour.EmploymentReported;
import io.wanjia.contracts.labour.UnemploymentReported;
import io.wanjia.contracts.placement.MemberPlaced;
import io.wanjia.contracts.placement.OfferDeclined;
import io.wanjia.contracts.placement.OfferMade;
import io.wanjia.contracts.placement.PlacementEnded;
import io.wanjia.contracts.placement.TrainingCompleted;
import io.wanjia.contracts.transfer.TransferCompleted;
import io.wanjia.contracts.transfer.TransferFailed;
import io.wanjia.contracts.transfer.TransferRefused;
import io.wanjia.contracts.transfer.TransferReleased;
import io.wanjia.contracts.transfer.TransferRequested;
import io.wanjia.contracts.placement.TrainingReferred;

/**
 * The event catalogue of DESIGN.md: each CloudEvents {@code ce_type}, the topic it travels on, its payload
 * record and its JSON Schema (on the class path under {@code schemas/}).
 */
public enum EventType {

    UNEMPLOYMENT_REPORTED("wanjia.labour.unemployment-reported.v1", Topics.LABOUR_STATUS_REPORTS, UnemploymentReported.class),
    EMPLOYMENT_REPORTED("wanjia.labour.employment-reported.v1", Topics.LABOUR_STATUS_REPORTS, EmploymentReported.class),

    HOUSEHOLD_REGISTERED("wanjia.household.registered.v1", Topics.HOUSEHOLD_EVENTS, HouseholdRegistered.class),
    MEMBER_CHANGED("wanjia.household.member-changed.v1", Topics.HOUSEHOLD_EVENTS, MemberChanged.class),
    ZERO_EMPLOYMENT_STARTED("wanjia.household.zero-employment-started.v1", Topics.HOUSEHOLD_EVENTS, ZeroEmploymentStarted.class),
    ZERO_EMPLOYMENT_ENDED("wanjia.household.zero-employment-ended.v1", Topics.HOUSEHOLD_EVENTS, ZeroEmploymentEnded.class),
    LABOUR_REPORTS_RECEIVED("wanjia.household.labour-reports-received.v1", Topics.HOUSEHOLD_EVENTS, LabourReportsReceived.class),
    IDENTIFICATION_OPENED("wanjia.household.identification-opened.v1", Topics.HOUSEHOLD_EVENTS, IdentificationOpened.class),
    IDENTIFICATION_STEP_COMPLETED("wanjia.household.identification-step-completed.v1", Topics.HOUSEHOLD_EVENTS,
            IdentificationStepCompleted.class),
    IDENTIFICATION_CONFIRMED("wanjia.household.identification-confirmed.v1", Topics.HOUSEHOLD_EVENTS, IdentificationConfirmed.class),
    IDENTIFICATION_REJECTED("wanjia.household.identification-rejected.v1", Topics.HOUSEHOLD_EVENTS, IdentificationRejected.class),
    GRADUATE_REGISTERED("wanjia.household.graduate-registered.v1", Topics.HOUSEHOLD_EVENTS, GraduateRegistered.class),
    HOUSEHOLD_EXITED("wanjia.household.exited.v1", Topics.HOUSEHOLD_EVENTS, HouseholdExited.class),

    IDENTITY_CLAIMED("wanjia.identity.claimed.v1", Topics.IDENTITY_CLAIMS, IdentityClaimed.class),
    IDENTITY_RELEASED("wanjia.identity.released.v1", Topics.IDENTITY_CLAIMS, IdentityReleased.class),

    TRANSFER_REQUESTED("wanjia.transfer.requested.v1", Topics.HOUSEHOLD_TRANSFERS, TransferRequested.class),
    TRANSFER_RELEASED("wanjia.transfer.released.v1", Topics.HOUSEHOLD_TRANSFERS, TransferReleased.class),
    TRANSFER_REFUSED("wanjia.transfer.refused.v1", Topics.HOUSEHOLD_TRANSFERS, TransferRefused.class),
    TRANSFER_COMPLETED("wanjia.transfer.completed.v1", Topics.HOUSEHOLD_TRANSFERS, TransferCompleted.class),
    TRANSFER_FAILED("wanjia.transfer.failed.v1", Topics.HOUSEHOLD_TRANSFERS, TransferFailed.class),

    OFFER_MADE("wanjia.placement.offer-made.v1", Topics.PLACEMENT_EVENTS, OfferMade.class),
    OFFER_DECLINED("wanjia.placement.offer-declined.v1", Topics.PLACEMENT_EVENTS, OfferDeclined.class),
    MEMBER_PLACED("wanjia.placement.member-placed.v1", Topics.PLACEMENT_EVENTS, MemberPlaced.class),
    PLACEMENT_ENDED("wanjia.placement.placement-ended.v1", Topics.PLACEMENT_EVENTS, PlacementEnded.class),
    TRAINING_REFERRED("wanjia.placement.training-referred.v1", Topics.PLACEMENT_EVENTS, TrainingReferred.class),
    TRAINING_COMPLETED("wanjia.placement.training-completed.v1", Topics.PLACEMENT_EVENTS, TrainingCompleted.class),

    CASE_OPENED("wanjia.case.opened.v1", Topics.ESCALATION_EVENTS, CaseOpened.class),
    CASE_CLOCK_STARTED("wanjia.case.clock-started.v1", Topics.ESCALATION_EVENTS, CaseClockStarted.class),
    CASE_ESCALATED("wanjia.case.escalated.v1", Topics.ESCALATION_EVENTS, CaseEscalated.class),
    DEADLINE_BREACHED("wanjia.case.deadline-breached.v1", Topics.ESCALATION_EVENTS, DeadlineBreached.class),
    CASE_CLOSED("wanjia.case.closed.v1", Topics.ESCALATION_EVENTS, CaseClosed.class);

    private final String type;
    private final String topic;
    private final Class<? extends Record> payloadType;

    EventType(String type, String topic, Class<? extends Record> payloadType) {
        this.type = type;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    /** The CloudEvents {@code ce_type}, e.g. {@code wanjia.household.registered.v1}. */
    public String type() {
        return type;
    }

    /** The topic this event is published on. */
    public String topic() {
        return topic;
    }

    /** The record its JSON data binds to. */
    public Class<? extends Record> payloadType() {
        return payloadType;
    }

    /** The class-path location of its JSON Schema. */
    public String schemaResource() {
        return "schemas/" + type + ".json";
    }

    /** The catalogue entry for a {@code ce_type}, if it is one of ours. */
    public static Optional<EventType> ofType(String type) {
        return Optional.ofNullable(type == null ? null : Lookup.BY_TYPE.get(type));
    }

    /** The catalogue entry whose payload is {@code payload}'s class. */
    public static EventType of(Record payload) {
        EventType type = Lookup.BY_PAYLOAD.get(payload.getClass());
        if (type == null) {
            throw new IllegalArgumentException("not a catalogued event payload: " + payload.getClass());
        }
        return type;
    }

    /** The catalogue by type and by payload class: both are asked for every event sent or received. */
    private static final class Lookup {
        static final Map<String, EventType> BY_TYPE = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(EventType::type, t -> t));
        static final Map<Class<?>, EventType> BY_PAYLOAD = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(EventType::payloadType, t -> t));
    }
}
