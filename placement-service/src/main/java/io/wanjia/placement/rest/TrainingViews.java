package io.wanjia.placement.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import io.wanjia.placement.Course;
import io.wanjia.placement.TrainingReferral;

/** What the training endpoints answer. */
public final class TrainingViews {

    private TrainingViews() {
    }

    public record CourseView(UUID id, String districtCode, String provider, String title, String skill, LocalDate startDate,
            LocalDate endDate, Course.Cost cost, BigDecimal subsidyAmount, boolean openToCity) {

        public static CourseView of(Course c) {
            return new CourseView(c.id, c.districtCode, c.provider, c.title, c.skill, c.startDate, c.endDate, c.cost, c.subsidyAmount,
                    c.openToCity);
        }
    }

    public record ReferralView(UUID id, UUID courseId, UUID memberId, UUID householdId, String districtCode, String skill,
            TrainingReferral.Status status, LocalDate referredOn, LocalDate attendingFrom, LocalDate endedOn) {

        public static ReferralView of(TrainingReferral r) {
            return new ReferralView(r.id, r.courseId, r.memberId, r.householdId, r.districtCode, r.skill, r.status, r.referredOn,
                    r.attendingFrom, r.endedOn);
        }
    }
}
