package io.wanjia.placement.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.wanjia.contracts.Education;
import io.wanjia.contracts.JobKind;
import io.wanjia.placement.domain.PostFit.CandidateFacts;
import io.wanjia.placement.domain.PostFit.Match;
import io.wanjia.placement.domain.PostFit.PostFacts;

class PostFitTest {

    private static final BigDecimal MINIMUM_WAGE = new BigDecimal("2100");
    private static final CandidateFacts WELDER = new CandidateFacts(UUID.randomUUID(), "210102", 45, Education.JUNIOR_MIDDLE,
            Set.of("welding", "driving"));

    private static PostFacts post(JobKind kind, String district, Integer minAge, Integer maxAge, Education education,
            Set<String> skills, String wage, Integer months) {
        return new PostFacts(UUID.randomUUID(), kind, district, minAge, maxAge, education, skills, new BigDecimal(wage), 3, months);
    }

    @Test
    void shouldRankAMatchingEnterprisePostAboveOneThatDoesNotFitAndSayWhy() {
        PostFacts welding = post(JobKind.ENTERPRISE, "210102", 18, 50, Education.PRIMARY, Set.of("welding"), "3200", 12);
        PostFacts office = post(JobKind.ENTERPRISE, "210103", 18, 35, Education.COLLEGE, Set.of("accounting"), "4000", 12);

        Match good = PostFit.score(WELDER, welding, MINIMUM_WAGE);
        Match bad = PostFit.score(WELDER, office, MINIMUM_WAGE);

        assertThat(good.score()).isGreaterThan(bad.score());
        assertThat(good.fits()).isTrue();
        assertThat(good.reasons()).contains("+30 same district", "+10 skills: welding", "+15 education meets PRIMARY");
        assertThat(bad.fits()).isFalse();
        assertThat(bad.reasons()).anyMatch(r -> r.startsWith("-50 age 45")).anyMatch(r -> r.startsWith("-30 education"))
                .contains("+15 same city");
    }

    @Test
    void shouldLeavePublicWelfareOutBeforeTheFallbackDayWhileAnotherPostFits() {
        PostFacts welding = post(JobKind.ENTERPRISE, "210102", 18, 50, null, Set.of("welding"), "3200", 12);
        PostFacts cleaning = post(JobKind.PUBLIC_WELFARE, "210102", null, null, null, Set.of(), "2100", 12);

        List<Match> day5 = PostFit.suggest(WELDER, List.of(welding, cleaning), district -> MINIMUM_WAGE, 5, 15);
        List<Match> day15 = PostFit.suggest(WELDER, List.of(welding, cleaning), district -> MINIMUM_WAGE, 15, 15);

        assertThat(day5).extracting(Match::postId).containsExactly(welding.postId());
        assertThat(day15).extracting(Match::postId).containsExactly(welding.postId(), cleaning.postId());
        assertThat(day15.get(1).reasons().get(0)).isEqualTo("public-welfare fallback: the case reached day 15");
    }

    @Test
    void shouldOfferPublicWelfareWhenNothingElseFits() {
        PostFacts office = post(JobKind.ENTERPRISE, "210102", 18, 30, Education.BACHELOR, Set.of("accounting"), "5000", 12);
        PostFacts cleaning = post(JobKind.PUBLIC_WELFARE, "210102", null, null, null, Set.of(), "2100", 12);

        List<Match> day3 = PostFit.suggest(WELDER, List.of(office, cleaning), district -> MINIMUM_WAGE, 3, 15);

        assertThat(day3).extracting(Match::postId).containsExactly(cleaning.postId());
        assertThat(day3.get(0).reasons().get(0)).isEqualTo("public-welfare fallback: no other post fits");
    }

    @Test
    void shouldScoreEachPostsWageAgainstTheMinimumWageOfItsOwnDistrict() {
        PostFacts city = post(JobKind.ENTERPRISE, "210102", null, null, null, Set.of(), "2000", 12);
        PostFacts county = post(JobKind.ENTERPRISE, "210123", null, null, null, Set.of(), "2000", 12);

        List<Match> ranked = PostFit.suggest(WELDER, List.of(city, county),
                district -> district.equals("210123") ? new BigDecimal("1800") : MINIMUM_WAGE, 1, 15);

        assertThat(ranked).filteredOn(m -> m.postId().equals(county.postId())).singleElement()
                .satisfies(m -> assertThat(m.reasons()).contains("+10 wage 2000 at least the minimum wage"));
        assertThat(ranked).filteredOn(m -> m.postId().equals(city.postId())).singleElement()
                .satisfies(m -> assertThat(m.reasons()).contains("+0 wage below the minimum wage"));
    }

    @Test
    void shouldSkipAFullPost() {
        PostFacts full = new PostFacts(UUID.randomUUID(), JobKind.ENTERPRISE, "210102", null, null, null, Set.of(),
                new BigDecimal("3000"), 0, 12);

        assertThat(PostFit.suggest(WELDER, List.of(full), district -> MINIMUM_WAGE, 1, 15)).isEmpty();
    }
}
