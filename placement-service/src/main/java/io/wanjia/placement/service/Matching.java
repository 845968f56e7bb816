package io.wanjia.placement.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.contracts.household.ZeroEmploymentEnded;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.placement.Candidate;
import io.wanjia.placement.JobPost;
import io.wanjia.placement.TrainingReferral;
import io.wanjia.placement.config.PlacementConfig;
import io.wanjia.placement.domain.PostFit;
import io.wanjia.placement.rest.PlacementViews.CandidateView;
import io.wanjia.placement.rest.PlacementViews.Suggestion;
import io.wanjia.placement.rest.PlacementViews.Suggestions;

/** The candidates read model (from household events) and the suggestions made from it. */
@ApplicationScoped
public class Matching {

    @Inject
    AreaScope scope;
    @Inject
    JobPosts jobPosts;
    @Inject
    PlacementConfig config;
    @Inject
    WagePolicy wages;
    @Inject
    Clock clock;

    /**
     * Applies household starts (the counted members become candidates) and ends (they no longer are), in order,
     * a polled batch at a time: the candidates concerned are read in one query and written together at commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void startedAndEnded(List<Record> changes) {
        List<UUID> members = changes.stream().filter(ZeroEmploymentStarted.class::isInstance)
                .flatMap(change -> ((ZeroEmploymentStarted) change).candidates().stream()).map(m -> m.memberId()).distinct().toList();
        Map<UUID, Candidate> known = members.isEmpty() ? new HashMap<>()
                : Candidate.<Candidate>list("memberId in ?1", members).stream()
                        .collect(Collectors.toMap(c -> c.memberId, Function.identity(), (a, b) -> a, HashMap::new));
        for (Record change : changes) {
            if (change instanceof ZeroEmploymentStarted started) {
                for (var member : started.candidates()) {
                    Candidate c = known.computeIfAbsent(member.memberId(), id -> {
                        Candidate created = new Candidate();
                        created.memberId = id;
                        return created;
                    });
                    c.householdId = started.householdId();
                    c.districtCode = started.districtCode();
                    c.cohort = started.cohort();
                    c.age = member.age();
                    c.ageOn = started.since();
                    c.gender = member.gender();
                    c.education = member.education() == null ? null : io.wanjia.contracts.Education.valueOf(member.education());
                    c.skills = member.skills() == null ? "" : String.join(",", member.skills());
                    c.since = started.since();
                    c.active = true;
                    c.persist();
                }
            } else if (change instanceof ZeroEmploymentEnded ended) {
                known.values().stream().filter(c -> ended.householdId().equals(c.householdId)).forEach(c -> c.active = false);
                Candidate.update("active = false where householdId = ?1", ended.householdId()); // those not read above
            }
        }
    }

    /** Active candidates in the caller's area, with the skills they learnt in completed courses. */
    public List<CandidateView> candidates(int page, int size) {
        LocalDate today = LocalDate.now(clock);
        List<Candidate> candidates = Candidate.<Candidate>find("active = true and districtCode like ?1 order by since, memberId",
                scope.likePattern()).page(page, size).list();
        Map<UUID, Set<String>> learnt = TrainingReferral.skillsLearnt(candidates.stream().map(c -> c.memberId).toList());
        return candidates.stream().map(c -> CandidateView.of(c, learnt.getOrDefault(c.memberId, Set.of()), today)).toList();
    }

    /** An active candidate in the caller's area, or 404. */
    public Candidate candidate(UUID memberId) {
        Candidate c = Candidate.findById(memberId);
        if (c == null || !scope.covers(c.districtCode)) {
            throw ProblemException.notFound("candidate", memberId);
        }
        return c;
    }

    /**
     * For each candidate of a household, the posts the caller may offer them ranked by fit, with the reasons: the
     * caller's area's own posts and the posts other districts of the city opened to it. A candidate's skills are those
     * household-service reported and those learnt in completed courses.
     */
    public List<Suggestions> suggestions(UUID householdId) {
        List<Candidate> candidates = Candidate.list("householdId = ?1 and active = true order by memberId", householdId);
        if (candidates.isEmpty() || !scope.covers(candidates.get(0).districtCode)) {
            throw ProblemException.notFound("household", householdId);
        }
        LocalDate today = LocalDate.now(clock);
        List<JobPost> posts = jobPosts.offerable(candidates.get(0).districtCode);
        Map<UUID, JobPost> byId = posts.stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
        Map<UUID, Set<String>> learnt = TrainingReferral.skillsLearnt(candidates.stream().map(c -> c.memberId).toList());
        return candidates.stream().map(c -> {
            int caseDay = (int) (today.toEpochDay() - c.since.toEpochDay()) + 1;
            Set<String> trained = learnt.getOrDefault(c.memberId, Set.of());
            List<Suggestion> ranked = PostFit.suggest(c.facts(today, trained), posts.stream().map(JobPost::facts).toList(),
                    wages::minimumWage, caseDay, config.fallbackDay()).stream()
                    .map(m -> {
                        JobPost p = byId.get(m.postId());
                        return new Suggestion(p.id, p.kind, p.title, p.employer, p.monthlyWage, m.score(), m.fits(), m.reasons());
                    }).toList();
            return new Suggestions(CandidateView.of(c, trained, today), ranked);
        }).toList();
    }
}
