package io.wanjia.household.domain;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import io.wanjia.contracts.JobKind;

/** A change of one member's employment situation as of a business date, by what brought it. */
public sealed interface SituationChange {

    /** The business date the change takes effect. */
    LocalDate on();

    /** What brought it: decides the reason an ended zero-employment state gives. */
    Cause cause();

    /** What {@code current} becomes, or empty where this change does not apply to it ({@link Situation#after}). */
    Optional<Situation> from(Situation current);

    /** The day the change was recorded where that may differ from {@link #on()} (a placement entered back-dated); else null. */
    default LocalDate recordedOn() {
        return null;
    }

    /** For a placement, the kind of work it placed the member in (the channel the figures count); else null. */
    default JobKind channel() {
        return null;
    }

    /** A labour report: unemployed, or employed as the stable-employment rule judged the job. */
    record Reported(EmploymentStatus status, LocalDate on) implements SituationChange {
        @Override
        public Cause cause() {
            return Cause.LABOUR_REPORT;
        }

        @Override
        public Optional<Situation> from(Situation current) {
            return current.newerThan(on) ? Optional.empty() : Optional.of(new Situation(status, on, null));
        }
    }

    /**
     * A placement made by placement-service, judged by the stable-employment rule: work from {@code on} (its start), recorded
     * on {@code recordedOn} (null where unknown), in work of kind {@code channel}.
     */
    record Placed(EmploymentStatus status, LocalDate on, UUID placementId, LocalDate recordedOn, JobKind channel)
            implements SituationChange {
        @Override
        public Cause cause() {
            return Cause.PLACEMENT;
        }

        @Override
        public Optional<Situation> from(Situation current) {
            return current.newerThan(on) ? Optional.empty() : Optional.of(new Situation(status, on, placementId));
        }
    }

    /** The end of a placement: the member is unemployed again, if that placement is still their situation. */
    record PlacementEnded(UUID placementId, LocalDate on) implements SituationChange {
        @Override
        public Cause cause() {
            return Cause.PLACEMENT;
        }

        @Override
        public Optional<Situation> from(Situation current) {
            return !placementId.equals(current.placementId()) || current.newerThan(on) ? Optional.empty()
                    : Optional.of(new Situation(EmploymentStatus.UNEMPLOYED, on, null));
        }
    }

    /** A caseworker's edit of the member: a new status ({@code null}: unchanged) and, maybe, other facts. */
    record Edited(EmploymentStatus status, LocalDate on) implements SituationChange {
        @Override
        public Cause cause() {
            return Cause.REST;
        }

        @Override
        public Optional<Situation> from(Situation current) {
            return Optional.of(status == null || status == current.status() ? current : new Situation(status, on, null));
        }
    }

    /** The member reached working age or retirement age on {@code on}: the status stays, whether they count changes. */
    record Aged(LocalDate on) implements SituationChange {
        @Override
        public Cause cause() {
            return Cause.AGEING;
        }

        @Override
        public Optional<Situation> from(Situation current) {
            return Optional.of(current);
        }
    }
}
