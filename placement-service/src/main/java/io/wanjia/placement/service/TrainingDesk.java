package io.wanjia.placement.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.outbox.Outbox;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.contracts.placement.TrainingCompleted;
import io.wanjia.contracts.placement.TrainingReferred;
import io.wanjia.placement.Candidate;
import io.wanjia.placement.Course;
import io.wanjia.placement.TrainingReferral;
import io.wanjia.placement.domain.CityShare;

/**
 * Training courses (技能培训) and the referrals of candidates to them, within the placement officer's area: each write a
 * transaction that audits it and, for a referral and its end, publishes it through the outbox.
 */
@ApplicationScoped
public class TrainingDesk {

    @Inject
    AreaScope scope;
    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;
    @Inject
    Clock clock;
    @Inject
    ObjectMapper json;

    /** Records {@code course} (not yet persisted) for a district of the caller's area, once its terms hold together. */
    @Transactional
    public Course create(Course course) {
        if (!scope.covers(course.districtCode)) {
            throw ProblemException.forbidden("districtCode", "in-your-area", "districtCode " + course.districtCode + " is outside your area");
        }
        if (course.endDate.isBefore(course.startDate)) {
            throw ProblemException.invalid("endDate", "not-before-start-date", "endDate must not be before startDate " + course.startDate);
        }
        if (course.cost == Course.Cost.SUBSIDISED && course.subsidyAmount == null) {
            throw ProblemException.invalid("subsidyAmount", "required-when-subsidised", "a SUBSIDISED course states its subsidy per trainee");
        }
        if (course.cost == Course.Cost.FREE && course.subsidyAmount != null) {
            throw ProblemException.invalid("subsidyAmount", "only-when-subsidised", "a FREE course has no subsidyAmount");
        }
        course.id = UUID.randomUUID();
        course.createdAt = clock.instant();
        course.persist();
        audit.record("course", course.id, "CREATE", null, course);
        return course;
    }

    /** A course of the caller's area, or one another district of the caller's city opened to it; else 404. */
    public Course course(UUID id) {
        Course course = Course.findById(id);
        if (course == null || !(scope.covers(course.districtCode) || CityShare.sharedWith(course.openToCity, course.districtCode, scope.area()))) {
            throw ProblemException.notFound("course", id);
        }
        return course;
    }

    /** The courses the caller may refer to, latest start first: {@code skill} taught, and not ended by today if {@code current}. */
    public List<Course> courses(String skill, Boolean current, int page, int size) {
        return courseQuery(skill, current).page(page, size).list();
    }

    public long countCourses(String skill, Boolean current) {
        return courseQuery(skill, current).count();
    }

    /**
     * Refers an active candidate of the caller's area to a course that has not ended: the caller's area's own, or one of the
     * candidate's city opened to it. Once per member and course; referrals of one member take turns on the candidate's row.
     */
    @Transactional
    public TrainingReferral refer(UUID memberId, UUID courseId) {
        Candidate candidate = Candidate.findById(memberId, LockModeType.PESSIMISTIC_WRITE);
        if (candidate == null || !scope.covers(candidate.districtCode)) {
            throw ProblemException.notFound("candidate", memberId);
        }
        Course course = Course.findById(courseId);
        if (course == null || !(scope.covers(course.districtCode)
                || CityShare.sharedWith(course.openToCity, course.districtCode, candidate.districtCode))) {
            throw ProblemException.notFound("course", courseId);
        }
        if (!candidate.active) {
            throw ProblemException.conflict("memberId", "active-candidate", "the member's household is no longer zero-employment");
        }
        LocalDate today = LocalDate.now(clock);
        if (course.endDate.isBefore(today)) {
            throw ProblemException.conflict("courseId", "not-ended", "the course ended on " + course.endDate);
        }
        if (TrainingReferral.count("courseId = ?1 and memberId = ?2", courseId, memberId) > 0) {
            throw ProblemException.conflict("courseId", "once-per-member", "the member was referred to this course already");
        }
        TrainingReferral referral = new TrainingReferral();
        referral.id = UUID.randomUUID();
        referral.courseId = course.id;
        referral.memberId = candidate.memberId;
        referral.householdId = candidate.householdId;
        referral.districtCode = candidate.districtCode;
        referral.skill = course.skill;
        referral.status = TrainingReferral.Status.REFERRED;
        referral.referredOn = today;
        referral.persist();
        outbox.publish(referral.householdId, new TrainingReferred(referral.id, referral.householdId, referral.districtCode,
                referral.memberId, course.id, course.skill, course.startDate, course.endDate, today));
        audit.record("training-referral", referral.id, "REFER", null, referral);
        return referral;
    }

    /** The member attends from {@code on} (default today): a day of the course, not in the future. */
    @Transactional
    public TrainingReferral attend(UUID id, LocalDate on) {
        TrainingReferral referral = lockForWrite(id);
        if (referral.status != TrainingReferral.Status.REFERRED) {
            throw ProblemException.conflict("status", "referred", "the referral is " + describe(referral.status) + " already");
        }
        LocalDate day = dayOf(on);
        Course course = Course.findById(referral.courseId);
        if (day.isBefore(course.startDate) || day.isAfter(course.endDate)) {
            throw ProblemException.invalid("on", "within-course", "on must be a day of the course, " + course.startDate + " to " + course.endDate);
        }
        JsonNode before = json.valueToTree(referral);
        referral.status = TrainingReferral.Status.ATTENDING;
        referral.attendingFrom = day;
        audit.record("training-referral", referral.id, "ATTEND", before, referral);
        return referral;
    }

    /**
     * The referral ends on {@code on} (default today), published: COMPLETED (only after attendance) adds the course's skill to
     * the member's skills in the suggestions ({@link TrainingReferral#skillsLearnt}); DROPPED_OUT adds nothing.
     */
    @Transactional
    public TrainingReferral end(UUID id, TrainingCompleted.Outcome outcome, LocalDate on) {
        TrainingReferral referral = lockForWrite(id);
        if (referral.status.ended()) {
            throw ProblemException.conflict("status", "not-ended", "the referral is " + describe(referral.status) + " already");
        }
        if (outcome == TrainingCompleted.Outcome.COMPLETED && referral.status != TrainingReferral.Status.ATTENDING) {
            throw ProblemException.conflict("status", "attending", "a course is completed only by a member whose attendance was recorded");
        }
        LocalDate day = dayOf(on);
        LocalDate from = referral.attendingFrom == null ? referral.referredOn : referral.attendingFrom;
        if (day.isBefore(from)) {
            throw ProblemException.invalid("on", "not-before-attendance", "on must not be before " + from);
        }
        JsonNode before = json.valueToTree(referral);
        referral.status = outcome == TrainingCompleted.Outcome.COMPLETED ? TrainingReferral.Status.COMPLETED : TrainingReferral.Status.DROPPED_OUT;
        referral.endedOn = day;
        outbox.publish(referral.householdId, new TrainingCompleted(referral.id, referral.householdId, referral.districtCode,
                referral.memberId, referral.courseId, referral.skill, outcome, referral.attendingFrom, day));
        audit.record("training-referral", referral.id, outcome.name(), before, referral);
        return referral;
    }

    /** A referral of the caller's area (the member's district), or 404. */
    public TrainingReferral referral(UUID id) {
        TrainingReferral referral = TrainingReferral.findById(id);
        if (referral == null || !scope.covers(referral.districtCode)) {
            throw ProblemException.notFound("training-referral", id);
        }
        return referral;
    }

    /** Referrals of the caller's area, by course, member and status where given; latest first. */
    public List<TrainingReferral> referrals(UUID courseId, UUID memberId, TrainingReferral.Status status, int page, int size) {
        return referralQuery(courseId, memberId, status).page(page, size).list();
    }

    public long countReferrals(UUID courseId, UUID memberId, TrainingReferral.Status status) {
        return referralQuery(courseId, memberId, status).count();
    }

    private TrainingReferral lockForWrite(UUID id) {
        TrainingReferral referral = TrainingReferral.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (referral == null || !scope.covers(referral.districtCode)) {
            throw ProblemException.notFound("training-referral", id);
        }
        return referral;
    }

    /** {@code on}, or today; never a day still to come. */
    private LocalDate dayOf(LocalDate on) {
        LocalDate today = LocalDate.now(clock);
        if (on != null && on.isAfter(today)) {
            throw ProblemException.invalid("on", "not-in-future", "on must not be after today, " + today);
        }
        return on == null ? today : on;
    }

    private PanacheQuery<Course> courseQuery(String skill, Boolean current) {
        StringBuilder where = new StringBuilder("(districtCode like :area or (openToCity = true and districtCode like :city))");
        Map<String, Object> params = new HashMap<>();
        params.put("area", scope.likePattern());
        params.put("city", AreaScope.cityOf(scope.area()) + "%");
        if (skill != null) {
            where.append(" and skill = :skill");
            params.put("skill", skill);
        }
        if (Boolean.TRUE.equals(current)) {
            where.append(" and endDate >= :today");
            params.put("today", LocalDate.now(clock));
        } else if (Boolean.FALSE.equals(current)) {
            where.append(" and endDate < :today");
            params.put("today", LocalDate.now(clock));
        }
        return Course.find(where + " order by startDate desc, id", params);
    }

    private PanacheQuery<TrainingReferral> referralQuery(UUID courseId, UUID memberId, TrainingReferral.Status status) {
        StringBuilder where = new StringBuilder("districtCode like :area");
        Map<String, Object> params = new HashMap<>();
        params.put("area", scope.likePattern());
        if (courseId != null) {
            where.append(" and courseId = :course");
            params.put("course", courseId);
        }
        if (memberId != null) {
            where.append(" and memberId = :member");
            params.put("member", memberId);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        return TrainingReferral.find(where + " order by referredOn desc, id", params);
    }

    private static String describe(TrainingReferral.Status status) {
        return status.name().toLowerCase().replace('_', ' ');
    }
}
