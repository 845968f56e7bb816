package io.wanjia.household.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.wanjia.contracts.Cohort;
import io.wanjia.contracts.Education;
import io.wanjia.contracts.Gender;

/**
 * A ledger's rows checked as the registration API checks a member (DESIGN.md "Domain rules": the check digit, birth date
 * and gender from the ID, district codes) plus the ledger's own rules (issue #18: household columns agree, labels).
 */
class LedgerRowCheckTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private static final String ID = NationalIds.of("210102", LocalDate.of(1980, 5, 17), true);
    private static final LedgerHeader HEADER = LedgerHeader.of(
            Stream.of(LedgerColumn.values()).map(LedgerColumn::chinese).toList());

    /** A valid member row of household H1 in Heping (和平区, 210102), as a city's ledger writes it. */
    static Map<LedgerColumn, String> row(String ref, String nationalId) {
        Map<LedgerColumn, String> cells = new LinkedHashMap<>();
        for (LedgerColumn column : LedgerColumn.values()) {
            cells.put(column, "");
        }
        cells.put(LedgerColumn.HOUSEHOLD_REF, ref);
        cells.put(LedgerColumn.DISTRICT_CODE, "210102");
        cells.put(LedgerColumn.STREET, "南市场街道");
        cells.put(LedgerColumn.COMMUNITY, "民主社区");
        cells.put(LedgerColumn.ADDRESS, "民主街12号");
        cells.put(LedgerColumn.NAME, "王建国");
        cells.put(LedgerColumn.NATIONAL_ID, nationalId);
        cells.put(LedgerColumn.RELATION, "户主");
        cells.put(LedgerColumn.LABOUR_CAPACITY, "完全");
        cells.put(LedgerColumn.WILLING_TO_WORK, "是");
        cells.put(LedgerColumn.OCCUPATION_CATEGORY, "工人");
        cells.put(LedgerColumn.STATUS, "失业");
        return cells;
    }

    static LedgerRowCheck check() {
        return new LedgerRowCheck(HEADER, TODAY, code -> Set.of("210102", "210103", "210202").contains(code),
                code -> code.startsWith("2101"));
    }

    /** The errors of a one-row household whose row has {@code column} set to {@code value}. */
    static List<String> errorsWith(LedgerColumn column, String value) {
        Map<LedgerColumn, String> cells = row("H1", ID);
        cells.put(column, value);
        LedgerRowCheck check = check();
        check.add(2, cells);
        return check.finish().errors().stream().map(e -> e.column() + ":" + e.rule()).toList();
    }

    static Stream<Arguments> cells() {
        String wrongCheck = NationalIds.withWrongCheckDigit(ID);
        String noSuchDay = "21010219800230" + "123";
        return Stream.of(
                Arguments.of("a valid row", LedgerColumn.NAME, "王建国", List.of()),
                Arguments.of("check digit (ISO 7064 MOD 11-2)", LedgerColumn.NATIONAL_ID, wrongCheck, List.of("身份证号:check-digit")),
                Arguments.of("17 digits and a check character", LedgerColumn.NATIONAL_ID, "21010219800517", List.of("身份证号:format")),
                Arguments.of("a birth date that is no day", LedgerColumn.NATIONAL_ID, noSuchDay + NationalId.checkCharacter(noSuchDay),
                        List.of("身份证号:birth-date")),
                Arguments.of("birth date agrees with the ID", LedgerColumn.BIRTH_DATE, "1980-05-17", List.of()),
                Arguments.of("birth date as 1980/5/17", LedgerColumn.BIRTH_DATE, "1980/5/17", List.of()),
                Arguments.of("birth date as 1980年5月17日", LedgerColumn.BIRTH_DATE, "1980年5月17日", List.of()),
                Arguments.of("birth date disagrees with the ID", LedgerColumn.BIRTH_DATE, "1980-05-18", List.of("出生日期:matches-national-id")),
                Arguments.of("birth date is no date", LedgerColumn.BIRTH_DATE, "17.5.80", List.of("出生日期:date")),
                Arguments.of("gender agrees (odd 17th digit = male)", LedgerColumn.GENDER, "男", List.of()),
                Arguments.of("gender by enum name", LedgerColumn.GENDER, "MALE", List.of()),
                Arguments.of("gender disagrees with the ID", LedgerColumn.GENDER, "女", List.of("性别:matches-national-id")),
                Arguments.of("relation by label", LedgerColumn.RELATION, "配偶", List.of()),
                Arguments.of("relation by enum name, any case", LedgerColumn.RELATION, "spouse", List.of()),
                Arguments.of("relation unknown", LedgerColumn.RELATION, "邻居", List.of("与户主关系:one-of")),
                Arguments.of("relation required", LedgerColumn.RELATION, "", List.of("与户主关系:required")),
                Arguments.of("education label", LedgerColumn.EDUCATION, "中专", List.of()),
                Arguments.of("education unknown", LedgerColumn.EDUCATION, "博士后", List.of("文化程度:one-of")),
                Arguments.of("labour capacity by enum name", LedgerColumn.LABOUR_CAPACITY, "PARTIAL", List.of()),
                Arguments.of("status label", LedgerColumn.STATUS, "不稳定就业", List.of()),
                Arguments.of("status unknown", LedgerColumn.STATUS, "待业中", List.of("就业状况:one-of")),
                Arguments.of("a graduation date", LedgerColumn.GRADUATED_ON, "2001-07-01", List.of()),
                Arguments.of("a graduation in the future", LedgerColumn.GRADUATED_ON, TODAY.plusDays(1).toString(),
                        List.of("毕业日期:not-in-future")),
                Arguments.of("a graduation before birth", LedgerColumn.GRADUATED_ON, "1979-07-01", List.of("毕业日期:after-birth")),
                Arguments.of("低保 yes", LedgerColumn.MINIMUM_LIVING_ALLOWANCE, "是", List.of()),
                Arguments.of("低保 neither yes nor no", LedgerColumn.MINIMUM_LIVING_ALLOWANCE, "低保户", List.of("低保:yes-no")),
                Arguments.of("willing as true", LedgerColumn.WILLING_TO_WORK, "true", List.of()),
                Arguments.of("willing neither yes nor no", LedgerColumn.WILLING_TO_WORK, "也许", List.of("就业意愿:yes-no")),
                Arguments.of("district not a GB/T 2260 code", LedgerColumn.DISTRICT_CODE, "219999", List.of("区县代码:gb-t-2260")),
                Arguments.of("district outside the caller's area", LedgerColumn.DISTRICT_CODE, "210202", List.of("区县代码:outside-area")),
                Arguments.of("district required", LedgerColumn.DISTRICT_CODE, "", List.of("区县代码:required")),
                Arguments.of("name at most 50 characters", LedgerColumn.NAME, "王".repeat(51), List.of("姓名:max-length")),
                Arguments.of("status since not in the future", LedgerColumn.STATUS_SINCE, "2026-06-02", List.of("状况起始日期:not-in-future")),
                Arguments.of("cohort label", LedgerColumn.COHORT, "困难家庭高校毕业生", List.of()),
                Arguments.of("move-back date only for relocated households", LedgerColumn.MOVED_BACK_ON, "2026-01-01",
                        List.of("回迁日期:relocation-only")),
                Arguments.of("household number required", LedgerColumn.HOUSEHOLD_REF, "", List.of("户编号:required")),
                // A cell whose formula failed (Excel's error text, as an XLSX error cell reads and as Excel writes it into a
                // CSV) is an error of its own, once: it was registered as the name "#N/A" before.
                Arguments.of("a spreadsheet error in a required cell", LedgerColumn.NAME, "#N/A", List.of("姓名:cell-error")),
                Arguments.of("a spreadsheet error in an optional cell", LedgerColumn.SKILLS, "#REF!", List.of("技能:cell-error")),
                Arguments.of("a spreadsheet error in a household cell", LedgerColumn.COMMUNITY, "#VALUE!", List.of("社区:cell-error")),
                Arguments.of("one of Excel's newer errors", LedgerColumn.ADDRESS, "#BLOCKED!", List.of("住址:cell-error")),
                Arguments.of("a text that only starts like one", LedgerColumn.ADDRESS, "#3 楼", List.of()),
                // As the API answers a NUL in JSON (BoundedJson): it was reported as "already registered" before.
                Arguments.of("a NUL character", LedgerColumn.NAME, "王\u0000五", List.of("姓名:no-nul")),
                // A date written as text before 1900 (0001-01-01 was registered); a date cell holding 0 reads as "0" (LedgerFileTest).
                Arguments.of("a date before 1900", LedgerColumn.STATUS_SINCE, "1899-12-31", List.of("状况起始日期:date")),
                Arguments.of("a date in 1900", LedgerColumn.STATUS_SINCE, "1900-01-01", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void shouldCheckEachCellAsTheRegistrationApiDoes(String rule, LedgerColumn column, String value, List<String> expected) {
        assertThat(errorsWith(column, value)).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldTakeBirthDateAndGenderFromTheNationalIdAndLabelsAsTheirValues() {
        Map<LedgerColumn, String> cells = row("H1", ID.substring(0, 17) + ID.substring(17).toLowerCase());
        cells.put(LedgerColumn.EDUCATION, "初中");
        cells.put(LedgerColumn.SKILLS, "电焊、驾驶, 家政");
        LedgerRowCheck check = check();
        check.add(2, cells);
        LedgerHousehold household = check.finish();

        assertThat(household.valid()).isTrue();
        assertThat(household.cohort()).isEqualTo(Cohort.STANDARD);
        LedgerMember member = household.members().get(0);
        assertThat(member.birthDate()).isEqualTo(LocalDate.of(1980, 5, 17));
        assertThat(member.gender()).isEqualTo(Gender.MALE);
        assertThat(member.relation()).isEqualTo(Relation.HEAD);
        assertThat(member.education()).isEqualTo(Education.JUNIOR_MIDDLE);
        assertThat(member.skills()).containsExactly("电焊", "驾驶", "家政");
        assertThat(member.status()).isEqualTo(EmploymentStatus.UNEMPLOYED);
        assertThat(member.willingToWork()).isTrue();
    }

    @Test
    void shouldGroupConsecutiveRowsByHouseholdNumberAndTakeTheHouseholdFromItsFirstRow() {
        LedgerRowCheck check = check();
        Map<LedgerColumn, String> spouse = row("H1", NationalIds.of("210102", LocalDate.of(1982, 3, 1), false));
        spouse.put(LedgerColumn.RELATION, "配偶");
        spouse.put(LedgerColumn.STREET, "");
        spouse.put(LedgerColumn.ADDRESS, "");
        List<LedgerHousehold> households = new ArrayList<>();
        addTo(households, check.add(2, row("H1", ID)));
        addTo(households, check.add(3, spouse));
        addTo(households, check.add(4, row("H2", NationalIds.of("210102", LocalDate.of(1975, 1, 9), true))));
        addTo(households, check.finish());

        assertThat(households).extracting(LedgerHousehold::ref).containsExactly("H1", "H2");
        assertThat(households.get(0).rows()).containsExactly(2L, 3L);
        assertThat(households.get(0).members()).hasSize(2);
        assertThat(households.get(0).address()).isEqualTo("民主街12号");
        assertThat(households).allMatch(LedgerHousehold::valid);
    }

    @Test
    void shouldRefuseALaterRowWhoseHouseholdColumnsDisagreeWithTheFirst() {
        LedgerRowCheck check = check();
        Map<LedgerColumn, String> second = row("H1", NationalIds.of("210102", LocalDate.of(1982, 3, 1), false));
        second.put(LedgerColumn.DISTRICT_CODE, "210103");
        second.put(LedgerColumn.ADDRESS, "民主街14号");
        check.add(2, row("H1", ID));
        check.add(3, second);
        LedgerHousehold household = check.finish();

        assertThat(household.errors()).extracting(e -> e.row() + ":" + e.column() + ":" + e.rule())
                .containsExactly("3:区县代码:household-disagrees", "3:住址:household-disagrees");
        assertThat(household.members()).hasSize(2); // the member is fine; the household is not
    }

    @Test
    void shouldRefuseAPersonTwiceInTheFileAndAHouseholdWhoseRowsAreApart() {
        LedgerRowCheck check = check();
        check.add(2, row("H1", ID));
        LedgerHousehold first = check.add(3, row("H2", ID));
        LedgerHousehold second = check.add(4, row("H1", NationalIds.of("210102", LocalDate.of(1990, 1, 1), true)));
        LedgerHousehold third = check.finish();

        assertThat(first.valid()).isTrue();
        assertThat(second.errors()).extracting(LedgerError::rule).containsExactly("unique-in-file");
        assertThat(third.errors()).extracting(LedgerError::rule).containsExactly("household-contiguous");
    }

    /**
     * The usual Chinese ledger merges a household's 户编号 cells, and a merged cell holds its value in its first row only:
     * the rows below read without a number. The household above is refused whole, saying why, rather than registered
     * without those members (whom a corrected file could then not add: its head would be "already registered").
     */
    @Test
    void shouldRefuseTheHouseholdAboveARowWithoutAHouseholdNumber() {
        LedgerRowCheck check = check();
        List<LedgerHousehold> households = new ArrayList<>();
        addTo(households, check.add(2, row("H1", ID)));
        Map<LedgerColumn, String> spouse = row("", NationalIds.of("210102", LocalDate.of(1982, 3, 1), false));
        spouse.put(LedgerColumn.RELATION, "配偶");
        addTo(households, check.add(3, spouse));
        addTo(households, check.add(4, row("", NationalIds.of("210102", LocalDate.of(2005, 3, 1), true))));
        addTo(households, check.add(5, row("H2", NationalIds.of("210102", LocalDate.of(1975, 1, 9), true))));
        addTo(households, check.finish());

        assertThat(households).extracting(h -> h.errors().stream().map(e -> e.row() + ":" + e.column() + ":" + e.rule()).toList())
                .containsExactly(List.of("2:户编号:number-on-every-row"), List.of("3:户编号:required"), List.of("4:户编号:required"),
                        List.of());
        assertThat(households.get(0).errors().get(0).message()).contains("row 3 below", "merged", "a note or a total");
    }

    /** A household column unreadable in the first row is its error there, not a disagreement on every later row too. */
    @Test
    void shouldReportAnUnreadableHouseholdCellOnceForTheWholeHousehold() {
        LedgerRowCheck check = check();
        Map<LedgerColumn, String> head = row("H1", ID);
        head.put(LedgerColumn.STREET, "#REF!");
        check.add(2, head);
        check.add(3, row("H1", NationalIds.of("210102", LocalDate.of(1982, 3, 1), false)));
        assertThat(check.finish().errors()).extracting(e -> e.row() + ":" + e.column() + ":" + e.rule()).containsExactly("2:街道:cell-error");
    }

    @Test
    void shouldNeverPutTheNationalIdInAnErrorMessage() {
        Map<LedgerColumn, String> cells = row("H1", NationalIds.withWrongCheckDigit(ID));
        cells.put(LedgerColumn.GENDER, "女");
        LedgerRowCheck check = check();
        check.add(2, cells);
        assertThat(check.finish().errors()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.message()).doesNotContain(ID.substring(0, 14)));
    }

    private static void addTo(List<LedgerHousehold> households, LedgerHousehold household) {
        if (household != null) {
            households.add(household);
        }
    }
}
