package io.wanjia.commons.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.security.ForbiddenException;

/** A deployment that serves one district narrows every caller's area to that district; a division code stands for an area. */
class AreaScopeTest {

    @ParameterizedTest(name = "token {0} on a deployment for {1} sees {2}")
    @CsvSource({
            "21, 210102, 210102",
            "2101, 210102, 210102",
            "210102, 210102, 210102",
            "210102, 2101, 210102",
            "2101, 2101, 2101",
            "21, 2101, 2101"})
    void shouldNarrowTheCallersAreaToTheDeployment(String token, String served, String seen) {
        assertThat(AreaScope.narrowed(token, served)).isEqualTo(seen);
    }

    @ParameterizedTest(name = "token {0} is refused by a deployment for {1}")
    @CsvSource({"210103, 210102", "2102, 210102", "22, 2101", "210201, 2101"})
    void shouldRefuseACallerFromOutsideTheDeployment(String token, String served) {
        assertThatThrownBy(() -> AreaScope.narrowed(token, served))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining(served);
    }

    @ParameterizedTest(name = "division {0} stands for the area {1}")
    @CsvSource({"210102, 210102", "210100, 2101", "210000, 21", "211481, 211481", "210200, 2102"})
    void shouldTellTheAreaADivisionCodeStandsFor(String division, String area) {
        assertThat(AreaScope.areaOf(division)).isEqualTo(area);
    }
}
