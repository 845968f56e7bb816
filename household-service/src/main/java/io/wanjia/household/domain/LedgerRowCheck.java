package io.wanjia.household.domain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wanjia.contracts.Cohort;
import io.wanjia.contracts.Education;
import io.wanjia.contracts.Gender;

/**
 * The rules a ledger's rows must pass, the registration API's own (check digit, birth date and gender from the ID, a
 * known district inside the caller's area, enumerations, lengths, dates not in the future) plus the ledger's: the
 * household columns of a household's later rows agree with its first, a household's rows stand together, and a
 * person appears once in the file. Fed the rows in file order, it hands back each household once its last row is read
 * ({@link #add}, {@link #finish}); it keeps only the current household and the numbers seen, never the file.
 */
public final class LedgerRowCheck {

    /** The most members one household takes (the registration API's limit). */
    public static final int MAX_MEMBERS = 30;
    private static final Pattern CHINESE_DATE = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日?");
    private static final DateTimeFormatter[] DATES = {
        DateTimeFormatter.ofPattern("uuuu-M-d"), DateTimeFormatter.ofPattern("uuuu/M/d"),
        DateTimeFormatter.ofPattern("uuuu.M.d"), DateTimeFormatter.BASIC_ISO_DATE };
    /**
     * No date a ledger records lies before it. A date cell holding 0 never gets here as a date (LedgerFile hands it over as
     * its number); this is for dates written as text, such as the 0001-01-01 an outsider's file carried.
     */
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    /**
     * What a spreadsheet shows in a cell whose formula failed (#N/A, #REF!, #DIV/0!, #NAME?, #GETTING_DATA, and the newer
     * #SPILL!, #CALC!, #BLOCKED! …); Excel writes the same text into a CSV.
     */
    private static final Pattern SPREADSHEET_ERROR = Pattern.compile("#(?:N/A|GETTING_DATA|[A-Z0-9/]+[!?])");
    private static final Map<LedgerColumn, Integer> MAX_LENGTH = Map.of(LedgerColumn.HOUSEHOLD_REF, 64, LedgerColumn.STREET, 100,
            LedgerColumn.COMMUNITY, 100, LedgerColumn.ADDRESS, 300, LedgerColumn.NAME, 50);

    private final LedgerHeader header;
    private final LocalDate today;
    private final Predicate<String> knownDistrict;
    private final Predicate<String> inArea;
    /** The numbers seen so far, by their first 17 digits (the check character follows from them): 100,000 rows cost a few MB. */
    private final Set<Long> nationalIds = new HashSet<>();
    private final Set<String> closedRefs = new HashSet<>();
    private Open open;
    /** The current row's columns whose cell could not be read as a value (an error is on them already: not "required" too). */
    private EnumSet<LedgerColumn> unreadable = EnumSet.noneOf(LedgerColumn.class);

    /**
     * @param knownDistrict whether a code is a GB/T 2260 district this deployment accepts
     * @param inArea whether a district lies in the caller's area
     */
    public LedgerRowCheck(LedgerHeader header, LocalDate today, Predicate<String> knownDistrict, Predicate<String> inArea) {
        this.header = header;
        this.today = today;
        this.knownDistrict = knownDistrict;
        this.inArea = inArea;
    }

    /** Takes the next data row; returns the previous household when this row starts another, else null. */
    public LedgerHousehold add(long row, Map<LedgerColumn, String> written) {
        Map<LedgerColumn, String> cells = new EnumMap<>(written);
        List<LedgerError> unreadableCells = new ArrayList<>();
        unreadable = EnumSet.noneOf(LedgerColumn.class);
        for (Map.Entry<LedgerColumn, String> cell : written.entrySet()) {
            String value = cell.getValue();
            if (value.startsWith("#") && SPREADSHEET_ERROR.matcher(value).matches()) {
                unreadableCells.add(new LedgerError(row, header.written(cell.getKey()), "cell-error", "the cell holds the spreadsheet error "
                        + value + " (a formula that found nothing, or a broken reference): put the value itself"));
            } else if (value.indexOf('\0') >= 0) {
                unreadableCells.add(new LedgerError(row, header.written(cell.getKey()), "no-nul", "contains a NUL character"));
            } else {
                continue;
            }
            unreadable.add(cell.getKey());
            cells.put(cell.getKey(), "");
        }
        String ref = cells.getOrDefault(LedgerColumn.HOUSEHOLD_REF, "");
        if (ref.isEmpty() && open != null && !open.ref.isEmpty()) {
            // Most often a merged 户编号 cell, which holds the number in its first row only: registering the rows above as
            // the whole household would leave out the members below, and a corrected file could not add them.
            open.error(open.firstRow, LedgerColumn.HOUSEHOLD_REF, "number-on-every-row", "row " + row + " below has no readable"
                    + " household number: if it belongs to this household (a merged cell counts in its first row only), write the"
                    + " number on each of its rows; if it is a note or a total under the ledger, remove it");
        }
        LedgerHousehold done = null;
        if (open == null || ref.isEmpty() || !open.ref.equals(ref)) {
            done = finish();
            open = new Open(ref, row, cells);
        } else {
            open.rows.add(row);
            open.sameHousehold(row, cells);
        }
        open.errors.addAll(unreadableCells);
        open.member(row, cells);
        return done;
    }

    /** The household being read, once the file has ended; null when there is none. */
    public LedgerHousehold finish() {
        if (open == null) {
            return null;
        }
        Open last = open;
        open = null;
        if (!last.ref.isEmpty()) {
            closedRefs.add(last.ref);
        }
        return last.household();
    }

    /** The rows of one household while they are being read. */
    private final class Open {
        final String ref;
        final long firstRow;
        final Map<LedgerColumn, String> first;
        /** The first row's columns that could not be read: already an error there, not one on every later row too. */
        final Set<LedgerColumn> firstUnreadable = EnumSet.copyOf(unreadable);
        final List<Long> rows = new ArrayList<>();
        final List<LedgerMember> members = new ArrayList<>();
        final List<LedgerError> errors = new ArrayList<>();
        final Set<String> idsHere = new HashSet<>();
        String districtCode;
        Cohort cohort = Cohort.STANDARD;
        LocalDate movedBackOn;
        boolean minimumLivingAllowance;

        Open(String ref, long row, Map<LedgerColumn, String> cells) {
            this.ref = ref;
            this.firstRow = row;
            this.first = cells;
            rows.add(row);
            householdColumns(row, cells);
        }

        /** The household's facts, checked on its first row. */
        private void householdColumns(long row, Map<LedgerColumn, String> cells) {
            if (ref.isEmpty() && !unreadable.contains(LedgerColumn.HOUSEHOLD_REF)) {
                error(row, LedgerColumn.HOUSEHOLD_REF, "required", "every row needs its household's number (a merged cell counts in"
                        + " its first row only)");
            } else if (closedRefs.contains(ref)) {
                error(row, LedgerColumn.HOUSEHOLD_REF, "household-contiguous",
                        "this household's rows must stand together: an earlier row already closed it");
            }
            lengthOk(row, cells, LedgerColumn.HOUSEHOLD_REF);
            for (LedgerColumn column : List.of(LedgerColumn.STREET, LedgerColumn.COMMUNITY, LedgerColumn.ADDRESS)) {
                if (required(row, cells, column)) {
                    lengthOk(row, cells, column);
                }
            }
            if (required(row, cells, LedgerColumn.DISTRICT_CODE)) {
                String code = cells.get(LedgerColumn.DISTRICT_CODE);
                if (!knownDistrict.test(code)) {
                    error(row, LedgerColumn.DISTRICT_CODE, "gb-t-2260", "not a known GB/T 2260 district code");
                } else if (!inArea.test(code)) {
                    error(row, LedgerColumn.DISTRICT_CODE, "outside-area", "the district lies outside your area");
                } else {
                    districtCode = code;
                }
            }
            String cohortCell = cells.getOrDefault(LedgerColumn.COHORT, "");
            if (!cohortCell.isEmpty()) {
                cohort = (Cohort) enumeration(row, cells, LedgerColumn.COHORT);
            }
            movedBackOn = date(row, cells, LedgerColumn.MOVED_BACK_ON);
            if (movedBackOn != null && cohort != null && cohort != Cohort.SHANTYTOWN_RELOCATION) {
                error(row, LedgerColumn.MOVED_BACK_ON, "relocation-only", "a move-back date is given only for 棚改回迁 (SHANTYTOWN_RELOCATION)");
            }
            minimumLivingAllowance = !cells.getOrDefault(LedgerColumn.MINIMUM_LIVING_ALLOWANCE, "").isEmpty()
                    && Boolean.TRUE.equals(yesNo(row, cells, LedgerColumn.MINIMUM_LIVING_ALLOWANCE));
        }

        /** A later row of the household: its household columns, where filled, must say what the first row says. */
        void sameHousehold(long row, Map<LedgerColumn, String> cells) {
            for (LedgerColumn column : LedgerColumn.values()) {
                if (!column.householdLevel() || column == LedgerColumn.HOUSEHOLD_REF || firstUnreadable.contains(column)) {
                    continue;
                }
                String cell = cells.getOrDefault(column, "");
                if (!cell.isEmpty() && !cell.equals(first.getOrDefault(column, ""))) {
                    error(row, column, "household-disagrees", "differs from the household's first row (row " + firstRow + ")");
                }
            }
        }

        /** The member a row describes, or its errors. */
        void member(long row, Map<LedgerColumn, String> cells) {
            int before = errors.size();
            if (rows.size() > MAX_MEMBERS) {
                error(row, LedgerColumn.HOUSEHOLD_REF, "max-members", "a household has at most " + MAX_MEMBERS + " members");
            }
            NationalId id = null;
            if (required(row, cells, LedgerColumn.NATIONAL_ID)) {
                try {
                    id = NationalId.parse(cells.get(LedgerColumn.NATIONAL_ID));
                } catch (NationalId.InvalidNationalIdException e) {
                    error(row, LedgerColumn.NATIONAL_ID, e.rule(), "the national ID " + e.getMessage());
                }
            }
            if (id != null) {
                if (!idsHere.add(id.value())) {
                    error(row, LedgerColumn.NATIONAL_ID, "unique", "the same national ID appears twice in this household");
                } else if (!nationalIds.add(Long.parseLong(id.value().substring(0, 17)))) {
                    error(row, LedgerColumn.NATIONAL_ID, "unique-in-file", "the same national ID appears in another household of this file");
                }
                if (id.birthDate().isAfter(today)) {
                    error(row, LedgerColumn.NATIONAL_ID, "not-in-future", "the birth date in the national ID lies in the future");
                }
                LocalDate birth = date(row, cells, LedgerColumn.BIRTH_DATE);
                if (birth != null && !birth.equals(id.birthDate())) {
                    error(row, LedgerColumn.BIRTH_DATE, "matches-national-id", "the birth date does not agree with the national ID");
                }
                Gender gender = (Gender) enumeration(row, cells, LedgerColumn.GENDER);
                if (gender != null && gender != id.gender()) {
                    error(row, LedgerColumn.GENDER, "matches-national-id", "the gender does not agree with the national ID");
                }
            }
            String name = required(row, cells, LedgerColumn.NAME) && lengthOk(row, cells, LedgerColumn.NAME)
                    ? cells.get(LedgerColumn.NAME) : null;
            Relation relation = required(row, cells, LedgerColumn.RELATION) ? (Relation) enumeration(row, cells, LedgerColumn.RELATION) : null;
            Education education = (Education) enumeration(row, cells, LedgerColumn.EDUCATION);
            List<String> skills = skills(row, cells);
            LabourCapacity capacity = required(row, cells, LedgerColumn.LABOUR_CAPACITY)
                    ? (LabourCapacity) enumeration(row, cells, LedgerColumn.LABOUR_CAPACITY) : null;
            Boolean willing = required(row, cells, LedgerColumn.WILLING_TO_WORK) ? yesNo(row, cells, LedgerColumn.WILLING_TO_WORK) : null;
            OccupationCategory occupation = required(row, cells, LedgerColumn.OCCUPATION_CATEGORY)
                    ? (OccupationCategory) enumeration(row, cells, LedgerColumn.OCCUPATION_CATEGORY) : null;
            EmploymentStatus status = required(row, cells, LedgerColumn.STATUS)
                    ? (EmploymentStatus) enumeration(row, cells, LedgerColumn.STATUS) : null;
            LocalDate since = date(row, cells, LedgerColumn.STATUS_SINCE);
            Boolean business = cells.getOrDefault(LedgerColumn.BUSINESS_INCOME, "").isEmpty() ? Boolean.FALSE
                    : yesNo(row, cells, LedgerColumn.BUSINESS_INCOME);
            LocalDate graduatedOn = date(row, cells, LedgerColumn.GRADUATED_ON);
            if (graduatedOn != null && graduatedOn.isAfter(today)) {
                error(row, LedgerColumn.GRADUATED_ON, "not-in-future", "the graduation date lies in the future");
            } else if (graduatedOn != null && id != null && !graduatedOn.isAfter(id.birthDate())) {
                error(row, LedgerColumn.GRADUATED_ON, "after-birth", "the graduation date must be after the birth date");
            }
            if (errors.size() == before && unreadable.isEmpty()) {
                members.add(new LedgerMember(row, id, name, relation, id.birthDate(), id.gender(), education, skills, capacity,
                        willing, occupation, status, since, business, graduatedOn));
            }
        }

        LedgerHousehold household() {
            return new LedgerHousehold(ref, firstRow, List.copyOf(rows), districtCode, first.get(LedgerColumn.STREET),
                    first.get(LedgerColumn.COMMUNITY), first.get(LedgerColumn.ADDRESS), cohort, movedBackOn, minimumLivingAllowance,
                    List.copyOf(members), List.copyOf(errors));
        }

        private boolean required(long row, Map<LedgerColumn, String> cells, LedgerColumn column) {
            if (cells.getOrDefault(column, "").isEmpty()) {
                if (!unreadable.contains(column)) {
                    error(row, column, "required", "must not be empty");
                }
                return false;
            }
            return true;
        }

        private boolean lengthOk(long row, Map<LedgerColumn, String> cells, LedgerColumn column) {
            int max = MAX_LENGTH.get(column);
            if (cells.getOrDefault(column, "").length() > max) {
                error(row, column, "max-length", "must have at most " + max + " characters");
                return false;
            }
            return true;
        }

        private Enum<?> enumeration(long row, Map<LedgerColumn, String> cells, LedgerColumn column) {
            String cell = cells.getOrDefault(column, "");
            if (cell.isEmpty()) {
                return null;
            }
            return column.label(cell).orElseGet(() -> {
                error(row, column, "one-of", "must be one of " + String.join("、", column.labels().keySet()) + " (or "
                        + String.join(", ", column.labels().values().stream().map(Enum::name).toList()) + ")");
                return null;
            });
        }

        private Boolean yesNo(long row, Map<LedgerColumn, String> cells, LedgerColumn column) {
            Boolean value = LedgerColumn.YES_NO.get(cells.get(column).toLowerCase(Locale.ROOT));
            if (value == null) {
                error(row, column, "yes-no", "must be 是 or 否 (or true/false)");
            }
            return value;
        }

        private LocalDate date(long row, Map<LedgerColumn, String> cells, LedgerColumn column) {
            String cell = cells.getOrDefault(column, "");
            if (cell.isEmpty()) {
                return null;
            }
            LocalDate date = parseDate(cell);
            if (date == null) {
                error(row, column, "date", "must be a date such as 2024-03-01");
            } else if (date.isBefore(EARLIEST)) {
                error(row, column, "date", "must be a date such as 2024-03-01, not before 1900");
                return null;
            } else if (date.isAfter(today)) {
                error(row, column, "not-in-future", "must not lie in the future");
                return null;
            }
            return date;
        }

        private List<String> skills(long row, Map<LedgerColumn, String> cells) {
            String cell = cells.getOrDefault(LedgerColumn.SKILLS, "");
            if (cell.isEmpty()) {
                return List.of();
            }
            List<String> skills = Arrays.stream(cell.split("[,，、;；]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (skills.stream().anyMatch(s -> s.length() > 40)) {
                error(row, LedgerColumn.SKILLS, "max-length", "each skill must have at most 40 characters");
            }
            return skills;
        }

        private void error(long row, LedgerColumn column, String rule, String message) {
            errors.add(new LedgerError(row, header.written(column), rule, message));
        }
    }

    /** A date as ledgers write it: 2024-03-01, 2024/3/1, 2024.3.1, 20240301 or 2024年3月1日; null when none of them. */
    public static LocalDate parseDate(String text) {
        Matcher chinese = CHINESE_DATE.matcher(text);
        if (chinese.matches()) {
            try {
                return LocalDate.of(Integer.parseInt(chinese.group(1)), Integer.parseInt(chinese.group(2)),
                        Integer.parseInt(chinese.group(3)));
            } catch (java.time.DateTimeException e) {
                return null;
            }
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(text, format.withResolverStyle(java.time.format.ResolverStyle.STRICT));
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        return null;
    }
}
