package io.wanjia.placement.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.wanjia.contracts.Education;
import io.wanjia.contracts.JobKind;

/**
 * How well a job post fits a candidate, with the reason for every point: district, age, education, skills,
 * wage, openings left and contract length. A post "fits" when no requirement is broken.
 */
public final class PostFit {

    private PostFit() {
    }

    /** What the fit needs to know of a candidate. */
    public record CandidateFacts(UUID memberId, String districtCode, int age, Education education, Set<String> skills) {
    }

    /** What the fit needs to know of a post. */
    public record PostFacts(UUID postId, JobKind kind, String districtCode, Integer minAge, Integer maxAge,
            Education minEducation, Set<String> skills, BigDecimal monthlyWage, int openingsLeft, Integer contractMonths) {
    }

    /** One scored post with its reasons; {@code fits} is false when a requirement is broken. */
    public record Match(UUID postId, JobKind kind, int score, boolean fits, List<String> reasons) {
    }

    /** Scores {@code post} for {@code candidate} against the monthly minimum wage where the post is. */
    public static Match score(CandidateFacts candidate, PostFacts post, BigDecimal minimumWage) {
        int score = 0;
        boolean fits = true;
        List<String> reasons = new ArrayList<>();
        if (post.districtCode().equals(candidate.districtCode())) {
            score += 30;
            reasons.add("+30 same district");
        } else if (post.districtCode().startsWith(candidate.districtCode().substring(0, 4))) {
            score += 15;
            reasons.add("+15 same city");
        }
        if ((post.minAge() != null && candidate.age() < post.minAge()) || (post.maxAge() != null && candidate.age() > post.maxAge())) {
            score -= 50;
            fits = false;
            reasons.add("-50 age " + candidate.age() + " outside " + range(post.minAge(), post.maxAge()));
        } else {
            score += 20;
            reasons.add("+20 age " + candidate.age() + " within " + range(post.minAge(), post.maxAge()));
        }
        if (post.minEducation() != null) {
            if (candidate.education() == null || candidate.education().compareTo(post.minEducation()) < 0) {
                score -= 30;
                fits = false;
                reasons.add("-30 education below " + post.minEducation());
            } else {
                score += 15;
                reasons.add("+15 education meets " + post.minEducation());
            }
        }
        long shared = post.skills().stream().filter(candidate.skills()::contains).count();
        if (!post.skills().isEmpty()) {
            if (shared == 0) {
                score -= 20;
                fits = false;
                reasons.add("-20 none of the skills asked: " + String.join(", ", post.skills()));
            } else {
                int points = (int) Math.min(30, shared * 10);
                score += points;
                reasons.add("+" + points + " skills: " + String.join(", ", post.skills().stream().filter(candidate.skills()::contains).sorted().toList()));
            }
        }
        if (post.monthlyWage().compareTo(minimumWage) >= 0) {
            score += 10;
            reasons.add("+10 wage " + post.monthlyWage().toPlainString() + " at least the minimum wage");
        } else {
            reasons.add("+0 wage below the minimum wage");
        }
        if (post.contractMonths() != null && post.contractMonths() >= 12) {
            score += 10;
            reasons.add("+10 contract of " + post.contractMonths() + " months (stable employment)");
        }
        score += Math.min(5, post.openingsLeft());
        reasons.add("+" + Math.min(5, post.openingsLeft()) + " openings left: " + post.openingsLeft());
        return new Match(post.postId(), post.kind(), score, fits, reasons);
    }

    /**
     * The posts to suggest, best first: every post that fits; public-welfare posts (the fallback) are always
     * included once the case reaches {@code fallbackDay}, or when no other post fits. Wages are scored against the
     * minimum wage of each post's district.
     */
    public static List<Match> suggest(CandidateFacts candidate, List<PostFacts> posts, Function<String, BigDecimal> minimumWageOf,
            int caseDay, int fallbackDay) {
        List<Match> scored = posts.stream().filter(p -> p.openingsLeft() > 0)
                .map(p -> score(candidate, p, minimumWageOf.apply(p.districtCode()))).toList();
        boolean otherFits = scored.stream().anyMatch(m -> m.fits() && m.kind() != JobKind.PUBLIC_WELFARE);
        boolean fallback = caseDay >= fallbackDay || !otherFits;
        return scored.stream()
                .filter(m -> m.kind() == JobKind.PUBLIC_WELFARE ? fallback : m.fits())
                .map(m -> m.kind() == JobKind.PUBLIC_WELFARE && fallback ? withFallbackReason(m, caseDay >= fallbackDay, fallbackDay) : m)
                .sorted(Comparator.comparingInt(Match::score).reversed().thenComparing(m -> m.postId().toString()))
                .toList();
    }

    private static Match withFallbackReason(Match match, boolean dayReached, int fallbackDay) {
        List<String> reasons = new ArrayList<>(match.reasons());
        reasons.add(0, dayReached ? "public-welfare fallback: the case reached day " + fallbackDay : "public-welfare fallback: no other post fits");
        return new Match(match.postId(), match.kind(), match.score(), match.fits(), reasons);
    }

    private static String range(Integer min, Integer max) {
        return (min == null ? "any" : min) + "–" + (max == null ? "any" : max);
    }
}
