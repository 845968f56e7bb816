package io.wanjia.household.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The header row: the template's Chinese headers or the API's field names, in any order; the file refused otherwise. */
class LedgerHeaderTest {

    static List<String> chinese() {
        return new ArrayList<>(Stream.of(LedgerColumn.values()).map(LedgerColumn::chinese).toList());
    }

    @Test
    void shouldAcceptTheEnglishFieldNamesInAnyOrder() {
        List<String> headers = new ArrayList<>(Stream.of(LedgerColumn.values()).map(LedgerColumn::field).toList());
        java.util.Collections.reverse(headers);
        LedgerHeader header = LedgerHeader.of(headers);
        assertThat(header.cells(headers).keySet()).containsExactlyInAnyOrder(LedgerColumn.values());
        assertThat(header.written(LedgerColumn.NATIONAL_ID)).isEqualTo("nationalId");
    }

    @Test
    void shouldLeaveOptionalColumnsOutAndIgnoreBlankHeaders() {
        List<String> headers = chinese();
        headers.remove(LedgerColumn.BIRTH_DATE.chinese());
        headers.add("");
        LedgerHeader header = LedgerHeader.of(headers);
        assertThat(header.columns()).doesNotContainKey(LedgerColumn.BIRTH_DATE);
    }

    @Test
    void shouldRefuseAnUnknownHeaderNamingItsPlace() {
        List<String> headers = chinese();
        headers.add("备注");
        String place = LedgerHeader.columnLetters(headers.size() - 1) + "1";
        assertThatThrownBy(() -> LedgerHeader.of(headers)).isInstanceOf(LedgerFormatException.class)
                .hasMessageContaining("the header in " + place + " is not a column of the template")
                .satisfies(e -> assertThat(((LedgerFormatException) e).field()).isEqualTo(place))
                .extracting(e -> ((LedgerFormatException) e).rule()).isEqualTo("known-header");
    }

    @ParameterizedTest
    @CsvSource({"0, A", "25, Z", "26, AA", "27, AB", "701, ZZ", "702, AAA"})
    void shouldNameAColumnByItsLetters(int index, String letters) {
        assertThat(LedgerHeader.columnLetters(index)).isEqualTo(letters);
    }

    @Test
    void shouldRefuseAMissingRequiredHeaderNamingIt() {
        List<String> headers = chinese();
        headers.remove(LedgerColumn.NATIONAL_ID.chinese());
        assertThatThrownBy(() -> LedgerHeader.of(headers)).isInstanceOf(LedgerFormatException.class)
                .hasMessageContaining("身份证号 (nationalId)")
                .extracting(e -> ((LedgerFormatException) e).rule()).isEqualTo("required-header");
    }

    @Test
    void shouldRefuseARepeatedHeaderAndAnEmptyFirstRow() {
        List<String> headers = chinese();
        headers.add("nationalId");
        assertThatThrownBy(() -> LedgerHeader.of(headers)).extracting(e -> ((LedgerFormatException) e).rule()).isEqualTo("unique-header");
        assertThatThrownBy(() -> LedgerHeader.of(List.of("", " "))).extracting(e -> ((LedgerFormatException) e).rule()).isEqualTo("header");
    }

    /**
     * A file without a header row starts with a member's row: what the refusal says must not hold the person's name or ID
     * number in any form (masking caught only an 18-character number, and the answer gave the name in full).
     */
    @Test
    void shouldNeverRepeatWhatStandsWhereAHeaderShouldHaveBeen() {
        String id = NationalIds.of(java.time.LocalDate.of(1980, 5, 17), true);
        String spaced = id.substring(0, 6) + " " + id.substring(6);
        String fullWidth = id.chars().mapToObj(c -> String.valueOf((char) (c - '0' + '０'))).collect(java.util.stream.Collectors.joining());
        for (String person : List.of(id, spaced, fullWidth, "王小明")) {
            List<String> headers = chinese();
            headers.add(person);
            assertThatThrownBy(() -> LedgerHeader.of(headers)).isInstanceOf(LedgerFormatException.class).satisfies(e -> {
                assertThat(e.getMessage()).doesNotContain(person, id.substring(6, 14), "王小明");
                assertThat(((LedgerFormatException) e).field()).doesNotContain(person, id.substring(6, 14));
            });
        }
    }
}
