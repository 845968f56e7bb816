package io.wanjia.placement.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.contracts.JobKind;
import io.wanjia.placement.JobPost;
import io.wanjia.placement.domain.CityShare;
import io.wanjia.placement.domain.PostFunding;
import io.wanjia.placement.domain.WageFloor;
import io.wanjia.placement.rest.PlacementRequests.NewPost;
import io.wanjia.placement.rest.PlacementRequests.PostChange;
import io.wanjia.placement.rest.PlacementViews.PostView;

/** Job posts, within the placement officer's area. */
@ApplicationScoped
public class JobPosts {

    @Inject
    AreaScope scope;
    @Inject
    AuditTrail audit;
    @Inject
    Clock clock;
    @Inject
    WagePolicy wages;

    /** A new post of the caller's area; a public-welfare one must carry its funding and pay at least the district's wage floor. */
    @Transactional
    public JobPost create(NewPost request) {
        if (!scope.covers(request.districtCode())) {
            throw ProblemException.forbidden("districtCode", "in-your-area", "districtCode " + request.districtCode() + " is outside your area");
        }
        checkAges(request.minAge(), request.maxAge());
        PostFunding funding = request.funding() == null ? null : request.funding().value();
        checkFunding(request.kind(), funding);
        checkWage(request.kind(), request.districtCode(), request.monthlyWage());
        JobPost post = new JobPost();
        post.id = UUID.randomUUID();
        post.kind = request.kind();
        post.employer = request.employer().trim();
        post.districtCode = request.districtCode();
        post.title = request.title().trim();
        post.monthlyWage = request.monthlyWage();
        post.openings = request.openings();
        post.contractMonths = request.contractMonths();
        post.socialInsurancePaid = request.socialInsurancePaid();
        post.businessLicence = Boolean.TRUE.equals(request.businessLicence());
        post.minAge = request.minAge();
        post.maxAge = request.maxAge();
        post.minEducation = request.minEducation();
        post.skills = request.skills() == null ? "" : String.join(",", request.skills());
        post.workingHours = request.workingHours();
        post.openToCity = Boolean.TRUE.equals(request.openToCity());
        post.fund(funding);
        post.open = true;
        post.createdAt = clock.instant();
        post.persist();
        audit.record("post", post.id, "CREATE", null, PostView.of(post));
        return post;
    }

    /** Changes a post of the caller's area; a new wage of a public-welfare post must meet the district's wage floor. */
    @Transactional
    public JobPost change(UUID id, PostChange change) {
        JobPost post = lockForWrite(id);
        PostView before = PostView.of(post);
        if (change.title() != null) {
            post.title = change.title().trim();
        }
        if (change.monthlyWage() != null) {
            checkWage(post.kind, post.districtCode, change.monthlyWage());
            post.monthlyWage = change.monthlyWage();
        }
        if (change.funding() != null) {
            PostFunding funding = change.funding().value();
            checkFunding(post.kind, funding);
            post.fund(funding);
        }
        if (change.openings() != null) {
            if (change.openings() < post.filled) {
                throw ProblemException.conflict("openings", "not-below-filled", "openings cannot go below the " + post.filled + " already filled");
            }
            post.openings = change.openings();
        }
        if (change.contractMonths() != null) {
            post.contractMonths = change.contractMonths();
        }
        if (change.socialInsurancePaid() != null) {
            post.socialInsurancePaid = change.socialInsurancePaid();
        }
        if (change.minAge() != null) {
            post.minAge = change.minAge();
        }
        if (change.maxAge() != null) {
            post.maxAge = change.maxAge();
        }
        checkAges(post.minAge, post.maxAge);
        if (change.minEducation() != null) {
            post.minEducation = change.minEducation();
        }
        if (change.skills() != null) {
            post.skills = String.join(",", change.skills());
        }
        if (change.workingHours() != null) {
            post.workingHours = change.workingHours();
        }
        if (change.openToCity() != null) {
            post.openToCity = change.openToCity();
        }
        audit.record("post", post.id, "CHANGE", before, PostView.of(post));
        return post;
    }

    @Transactional
    public JobPost close(UUID id) {
        JobPost post = lockForWrite(id);
        PostView before = PostView.of(post);
        post.open = false;
        audit.record("post", post.id, "CLOSE", before, PostView.of(post));
        return post;
    }

    /** A post of the caller's area, or one another district of the caller's city opened to it; else 404. */
    public JobPost get(UUID id) {
        JobPost post = JobPost.findById(id);
        if (post == null || !(scope.covers(post.districtCode) || sharedWith(post, scope.area()))) {
            throw ProblemException.notFound("post", id);
        }
        return post;
    }

    /**
     * Whether {@code post} may be offered to a candidate of {@code candidateDistrict} by the caller: a post of the
     * caller's area, or one of the candidate's city opened to the whole city.
     */
    public boolean offerableTo(JobPost post, String candidateDistrict) {
        return scope.covers(post.districtCode) || sharedWith(post, candidateDistrict);
    }

    /** The open posts with an opening left that the caller may offer to a candidate of {@code candidateDistrict}. */
    public List<JobPost> offerable(String candidateDistrict) {
        return JobPost.list("open = true and filled < openings and (districtCode like ?1 or (openToCity = true and districtCode like ?2))",
                scope.likePattern(), AreaScope.cityOf(candidateDistrict) + "%");
    }

    private static boolean sharedWith(JobPost post, String area) {
        return CityShare.sharedWith(post.openToCity, post.districtCode, area);
    }

    public List<JobPost> list(JobKind kind, String district, Boolean open, int page, int size) {
        return query(kind, district, open).page(page, size).list();
    }

    public long count(JobKind kind, String district, Boolean open) {
        return query(kind, district, open).count();
    }

    /** The post, locked for this transaction: accepts racing for the last opening take turns here; only the caller's area's posts. */
    public JobPost lockForWrite(UUID id) {
        JobPost post = JobPost.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (post == null || !scope.covers(post.districtCode)) {
            throw ProblemException.notFound("post", id);
        }
        return post;
    }

    /** The post of an offer in the caller's area, locked for the accept; 409 if it is no longer open to the offer's district. */
    public JobPost lockForAccept(UUID id, String candidateDistrict) {
        JobPost post = JobPost.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (!offerableTo(post, candidateDistrict)) {
            throw ProblemException.conflict("postId", "open-to-your-district", "the post is no longer open to the offer's district");
        }
        return post;
    }

    private PanacheQuery<JobPost> query(JobKind kind, String district, Boolean open) {
        String area = scope.area();
        String prefix = district == null || area.startsWith(district) ? area : district.startsWith(area) ? district : "-";
        StringBuilder where = new StringBuilder("districtCode like :prefix");
        var params = new java.util.HashMap<String, Object>();
        params.put("prefix", prefix + "%");
        if (kind != null) {
            where.append(" and kind = :kind");
            params.put("kind", kind);
        }
        if (open != null) {
            where.append(" and open = :open");
            params.put("open", open);
        }
        return JobPost.find(where + " order by createdAt desc, id", params);
    }

    /**
     * A public-welfare post carries its funding, recorded (never UNRECORDED, and OTHER names its budget line); no other
     * kind carries any.
     */
    private static void checkFunding(JobKind kind, PostFunding funding) {
        if (kind != JobKind.PUBLIC_WELFARE) {
            if (funding != null) {
                throw ProblemException.invalid("funding", "public-welfare-only", "only a public-welfare post carries funding, not a " + kind + " post");
            }
            return;
        }
        if (funding == null) {
            throw ProblemException.invalid("funding", "required-for-public-welfare", "a public-welfare post must carry its funding: "
                    + "the budget that bought it, monthlyPostSubsidy and monthlySocialInsuranceSubsidy");
        }
        if (funding.budget() == PostFunding.Budget.UNRECORDED) {
            throw ProblemException.invalid("funding.budget", "recorded-budget",
                    "funding.budget must name the budget that bought the post (UNRECORDED marks posts from before funding was recorded)");
        }
        if (funding.budget() == PostFunding.Budget.OTHER && funding.budgetLine() == null) {
            throw ProblemException.invalid("funding.budgetLine", "named-for-other-budget", "funding.budgetLine must name the budget when it is OTHER");
        }
    }

    /** A public-welfare post pays at least its district's wage floor (domain/WageFloor); other kinds are not bounded here. */
    private void checkWage(JobKind kind, String districtCode, BigDecimal monthlyWage) {
        if (kind != JobKind.PUBLIC_WELFARE) {
            return;
        }
        WageFloor floor = wages.floor(districtCode);
        if (!floor.admits(monthlyWage)) {
            throw ProblemException.invalid("monthlyWage", "at-least-wage-floor", floor.refusal(monthlyWage, districtCode));
        }
    }

    private static void checkAges(Integer min, Integer max) {
        if (min != null && max != null && min > max) {
            throw ProblemException.invalid("maxAge", "not-below-min-age", "maxAge must not be below minAge");
        }
    }
}
