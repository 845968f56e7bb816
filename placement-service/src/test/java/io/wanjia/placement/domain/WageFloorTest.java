package io.wanjia.placement.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.wanjia.placement.domain.WageFloor.AreaAmount;

/**
 * The public-welfare wage floor, one row per case. Amounts: Liaoning's tier-1 monthly minimum wage (2100, as
 * household-service ships it); the seed's 2005 低保 of 170 yuan a month; k = 1.5 by default (README, Decisions).
 */
class WageFloorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # case                                                   | min wage | its area | 低保 line | its area | k   | wage    | floor   | admitted | source says
            no 低保 line configured: the minimum wage alone           | 2100     | 21       | -         | -        | 1.5 | 2100    | 2100    | true     | the minimum wage 2100 of area 21
            one fen below the minimum wage                            | 2100     | 21       | -         | -        | 1.5 | 2099.99 | 2100    | false    | the minimum wage 2100 of area 21
            the default minimum wage where no prefix matches          | 1900     | -        | -         | -        | 1.5 | 1899    | 1900    | false    | the minimum wage 1900 (the default)
            the seed's warning: 低保 170, a post paying barely above  | 2100     | 21       | 170       | 2101     | 1.5 | 300     | 2100    | false    | the minimum wage 2100 of area 21
            低保 × k below the minimum wage: the minimum wage bounds  | 2100     | 21       | 1000      | 2101     | 1.5 | 2100    | 2100    | true     | the minimum wage 2100 of area 21
            低保 × k above the minimum wage: 低保 × k bounds          | 2100     | 21       | 1500      | 210106   | 1.5 | 2200    | 2250    | false    | the 低保 line 1500 of area 210106 × 1.5, above the minimum wage 2100
            exactly 低保 × k is enough                                | 2100     | 21       | 1500      | 210106   | 1.5 | 2250    | 2250    | true     | the 低保 line 1500 of area 210106
            低保 × k equal to the minimum wage: named as minimum wage | 2100     | 21       | 1400      | 2101     | 1.5 | 2100    | 2100    | true     | the minimum wage 2100 of area 21
            the product rounded up to the fen, never down             | 2000     | 21       | 1333.33   | 2101     | 1.6 | 2133.32 | 2133.33 | false    | the 低保 line 1333.33 of area 2101 × 1.6
            k of 2, a policy of twice the 低保 line                   | 2100     | 21       | 1200      | 2101     | 2   | 2400    | 2400    | true     | × 2, above the minimum wage 2100
            """)
    void shouldBoundPublicWelfareWagesByTheHigherOfMinimumWageAndSubsistenceLineTimesK(String name, BigDecimal minimumWage,
            String minimumWageArea, BigDecimal line, String lineArea, BigDecimal k, BigDecimal wage, BigDecimal floor,
            boolean admitted, String source) {
        WageFloor rule = WageFloor.of(new AreaAmount(minimumWageArea, minimumWage), line == null ? null : new AreaAmount(lineArea, line), k);

        assertThat(rule.amount()).isEqualByComparingTo(floor);
        assertThat(rule.admits(wage)).isEqualTo(admitted);
        assertThat(rule.source()).contains(source);
        assertThat(rule.refusal(wage, "210102")).startsWith("monthlyWage " + wage.stripTrailingZeros().toPlainString()
                + " is below the public-welfare wage floor of district 210102, " + floor.stripTrailingZeros().toPlainString() + ": the ");
    }
}
