package io.wanjia.household.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "Unreachable for 3 months" (DESIGN.md, exit; 辽政发〔2006〕21号's 动态管理: a household that cannot be reached leaves
 * the ledger) from the contact log. Attempts are written "date+" (reached) or "date-" (not reached).
 */
class ReachabilityTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
            "no attempt at all,                       '',                                                              false, null,       0",
            "reached every time,                      '2026-01-05+ 2026-03-01+ 2026-05-01+',                           false, null,       0",
            "three months of failed attempts,         '2026-01-05- 2026-02-10- 2026-04-05-',                           true,  2026-01-05, 3",
            "a day short of three months,             '2026-01-05- 2026-02-10- 2026-04-04-',                           false, 2026-01-05, 3",
            "too few attempts over the months,        '2026-01-05- 2026-04-10-',                                       false, 2026-01-05, 2",
            "many attempts in one week,               '2026-01-05- 2026-01-06- 2026-01-07- 2026-01-08-',               false, 2026-01-05, 4",
            "reached in between: the count restarts,  '2026-01-05- 2026-02-10- 2026-03-01+ 2026-04-05- 2026-05-05-',   false, 2026-04-05, 2",
            "failed again for three months after,     '2025-10-01+ 2026-01-05- 2026-02-10- 2026-04-05- 2026-04-20-',   true,  2026-01-05, 4",
            "order of entry does not matter,          '2026-04-05- 2026-01-05- 2026-02-10-',                           true,  2026-01-05, 3"})
    void shouldFindAHouseholdUnreachable(String rule, String log, boolean unreachable, LocalDate failingSince, int failed) {
        List<Reachability.Attempt> attempts = Arrays.stream(log.trim().split(" +")).filter(a -> !a.isEmpty())
                .map(a -> new Reachability.Attempt(LocalDate.parse(a.substring(0, 10)), a.endsWith("+"))).toList();

        Reachability.Finding finding = Reachability.of(attempts, Period.ofMonths(3));

        assertThat(finding).as(rule).isEqualTo(new Reachability.Finding(unreachable, failingSince, failed));
    }
}
