package io.wanjia.placement.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.wanjia.contracts.Education;
import io.wanjia.contracts.Gender;
import io.wanjia.contracts.JobKind;
import io.wanjia.placement.Candidate;
import io.wanjia.placement.FollowUp;
import io.wanjia.placement.JobPost;
import io.wanjia.placement.Offer;
import io.wanjia.placement.Placement;
import io.wanjia.placement.domain.PostFunding;

/** What placement-service answers. */
public final class PlacementViews {

    private PlacementViews() {
    }

    public record PostView(UUID id, JobKind kind, String employer, String districtCode, String title, BigDecimal monthlyWage,
            int openings, int openingsLeft, Integer contractMonths, boolean socialInsurancePaid, boolean businessLicence,
            Integer minAge, Integer maxAge, Education minEducation, List<String> skills, String workingHours, boolean open,
            boolean openToCity, PostFunding funding, long version) {

        public static PostView of(JobPost p) {
            return new PostView(p.id, p.kind, p.employer, p.districtCode, p.title, p.monthlyWage, p.openings, p.openingsLeft(),
                    p.contractMonths, p.socialInsurancePaid, p.businessLicence, p.minAge, p.maxAge, p.minEducation,
                    p.skillSet().stream().sorted().toList(), p.workingHours, p.open, p.openToCity, p.funding(), p.version);
        }
    }

    /** A candidate: {@code skills} as household-service reported them, {@code trainedSkills} learnt in completed courses. */
    public record CandidateView(UUID memberId, UUID householdId, String districtCode, int age, Gender gender, Education education,
            List<String> skills, List<String> trainedSkills, LocalDate since, int caseDay, boolean active) {

        public static CandidateView of(Candidate c, Set<String> learnt, LocalDate today) {
            return new CandidateView(c.memberId, c.householdId, c.districtCode, c.ageOn(today), c.gender, c.education,
                    c.skillSet().stream().sorted().toList(), learnt.stream().sorted().toList(), c.since,
                    (int) (today.toEpochDay() - c.since.toEpochDay()) + 1, c.active);
        }
    }

    /** The posts suggested for one candidate, best first. */
    public record Suggestions(CandidateView candidate, List<Suggestion> posts) {
    }

    /** One suggested post with its score and the reasons for it. */
    public record Suggestion(UUID postId, JobKind kind, String title, String employer, BigDecimal monthlyWage, int score,
            boolean fits, List<String> reasons) {
    }

    public record OfferView(UUID id, UUID memberId, UUID householdId, UUID postId, String districtCode, Offer.Status status,
            String reason, Boolean reasonable, LocalDate madeOn, LocalDate respondedOn, UUID placementId) {

        public static OfferView of(Offer o, UUID placementId) {
            return new OfferView(o.id, o.memberId, o.householdId, o.postId, o.districtCode, o.status, o.reason, o.reasonable,
                    o.madeOn, o.respondedOn, placementId);
        }
    }

    public record PlacementView(UUID id, UUID offerId, UUID memberId, UUID householdId, UUID postId, String districtCode,
            JobKind kind, String employer, LocalDate startDate, BigDecimal monthlyWage, Integer contractMonths,
            boolean socialInsurancePaid, Placement.Status status, LocalDate endedOn, String endReason) {

        public static PlacementView of(Placement p) {
            return new PlacementView(p.id, p.offerId, p.memberId, p.householdId, p.postId, p.districtCode, p.kind, p.employer,
                    p.startDate, p.monthlyWage, p.contractMonths, p.socialInsurancePaid, p.status, p.endedOn, p.endReason);
        }
    }

    public record FollowUpView(UUID id, UUID placementId, String districtCode, int monthsAfter, LocalDate dueOn,
            FollowUp.Result result, String note) {

        public static FollowUpView of(FollowUp f) {
            return new FollowUpView(f.id, f.placementId, f.districtCode, f.monthsAfter, f.dueOn, f.result, f.note);
        }
    }
}
