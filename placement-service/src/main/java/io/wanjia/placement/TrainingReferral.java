package io.wanjia.placement;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A member referred to a course: attending from a day, then completed or dropped out. */
@Entity
@Table(name = "training_referral")
public class TrainingReferral extends PanacheEntityBase {

    /** Where a referral stands; COMPLETED and DROPPED_OUT are final. */
    public enum Status {
        REFERRED, ATTENDING, COMPLETED, DROPPED_OUT;

        public boolean ended() {
            return this == COMPLETED || this == DROPPED_OUT;
        }
    }

    @Id
    public UUID id;
    @Column(name = "course_id")
    public UUID courseId;
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "household_id")
    public UUID householdId;
    /** The member's district: the referral belongs to it (and its figures), as an offer does. */
    @Column(name = "district_code")
    public String districtCode;
    /** The course's skill, kept with the referral: what a completion adds to the member's skills. */
    public String skill;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "referred_on")
    public LocalDate referredOn;
    @Column(name = "attending_from")
    public LocalDate attendingFrom;
    @Column(name = "ended_on")
    public LocalDate endedOn;
    @Version
    public long version;

    /** The skills each of {@code members} learnt in completed courses, in one query. */
    public static Map<UUID, Set<String>> skillsLearnt(Collection<UUID> members) {
        Map<UUID, Set<String>> learnt = new HashMap<>();
        if (!members.isEmpty()) {
            TrainingReferral.<TrainingReferral>list("memberId in ?1 and status = ?2", members, Status.COMPLETED)
                    .forEach(r -> learnt.computeIfAbsent(r.memberId, m -> new TreeSet<>()).add(r.skill));
        }
        return learnt;
    }
}
