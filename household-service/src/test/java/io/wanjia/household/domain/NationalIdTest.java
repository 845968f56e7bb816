package io.wanjia.household.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.wanjia.contracts.Gender;

class NationalIdTest {

    @ParameterizedTest(name = "{0}: born {1}, {2}")
    @CsvSource({
            // A published sample ID (GB 11643 appendix style): 17 digits and the MOD 11-2 check character.
            "11010519491231002X, 1949-12-31, FEMALE",
            "440524198001010013, 1980-01-01, MALE",
    })
    void shouldDeriveBirthDateAndGenderFromAValidId(String id, LocalDate birth, Gender gender) {
        NationalId parsed = NationalId.parse(id);

        assertThat(parsed.birthDate()).isEqualTo(birth);
        assertThat(parsed.gender()).isEqualTo(gender);
    }

    @Test
    void shouldAcceptGeneratedIdsWithALowerCaseX() {
        String id = NationalIds.of(LocalDate.of(1970, 5, 17), true);
        assertThat(NationalId.parse(id.toLowerCase()).value()).isEqualTo(id.toUpperCase());
    }

    @Test
    void shouldRefuseAWrongCheckDigit() {
        String id = NationalIds.withWrongCheckDigit(NationalIds.of(LocalDate.of(1970, 5, 17), true));

        assertThatThrownBy(() -> NationalId.parse(id))
                .isInstanceOfSatisfying(NationalId.InvalidNationalIdException.class, e -> assertThat(e.rule()).isEqualTo("check-digit"))
                .message().doesNotContain(id.substring(6, 14));
    }

    @Test
    void shouldRefuseAnImpossibleBirthDate() {
        String first17 = "21010219800230123"; // 30 February
        String id = first17 + NationalId.checkCharacter(first17);

        assertThatThrownBy(() -> NationalId.parse(id))
                .isInstanceOfSatisfying(NationalId.InvalidNationalIdException.class, e -> assertThat(e.rule()).isEqualTo("birth-date"));
    }

    @ParameterizedTest
    @CsvSource({"2101021980013", "21010219800A011231", "2101021980010112345", "' '"})
    void shouldRefuseAMalformedNumber(String id) {
        assertThatThrownBy(() -> NationalId.parse(id))
                .isInstanceOfSatisfying(NationalId.InvalidNationalIdException.class, e -> assertThat(e.rule()).isEqualTo("format"));
    }

    @Test
    void shouldMaskAllButTheIssuingDivision() {
        NationalId id = NationalId.parse("11010519491231002X");

        assertThat(id.masked()).isEqualTo("110105************");
        assertThat(id).hasToString("110105************");
    }
}
