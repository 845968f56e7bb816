package io.wanjia.household.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

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
    void shouldRefuseAnUnknownHeaderNamingIt() {
        List<String> headers = chinese();
        headers.add("备注");
        assertThatThrownBy(() -> LedgerHeader.of(headers)).isInstanceOf(LedgerFormatException.class)
                .hasMessageContaining("备注").extracting(e -> ((LedgerFormatException) e).rule()).isEqualTo("known-header");
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

    @Test
    void shouldMaskANationalIdWhereAHeaderShouldHaveBeen() {
        String id = NationalIds.of(java.time.LocalDate.of(1980, 5, 17), true);
        List<String> headers = chinese();
        headers.add(id);
        assertThatThrownBy(() -> LedgerHeader.of(headers)).satisfies(e -> assertThat(e.getMessage()).doesNotContain(id));
    }
}
