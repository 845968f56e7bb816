package io.wanjia.household.domain;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.wanjia.contracts.Cohort;
import io.wanjia.contracts.Education;
import io.wanjia.contracts.Gender;

/**
 * A column of a city's ledger (台账) as the import template lays it out: one row per member, grouped into households by
 * the ledger's own household number. Each column has its Chinese header and the registration API's field name (both
 * accepted as headers), whether it describes the household (taken from its first row, and must agree on the others) or
 * the member, whether it must be present, and for an enumeration the Chinese labels it accepts beside the enum names.
 */
public enum LedgerColumn {

    HOUSEHOLD_REF("户编号", "householdRef", true, true, null),
    DISTRICT_CODE("区县代码", "districtCode", true, true, null),
    STREET("街道", "street", true, true, null),
    COMMUNITY("社区", "community", true, true, null),
    ADDRESS("住址", "address", true, true, null),
    COHORT("人员类别", "cohort", true, false, labels(Cohort.class,
            "一般", Cohort.STANDARD, "棚改回迁", Cohort.SHANTYTOWN_RELOCATION, "困难家庭高校毕业生", Cohort.GRADUATE_FAMILY)),
    MOVED_BACK_ON("回迁日期", "movedBackOn", true, false, null),
    MINIMUM_LIVING_ALLOWANCE("低保", "minimumLivingAllowance", true, false, null),
    NAME("姓名", "name", false, true, null),
    NATIONAL_ID("身份证号", "nationalId", false, true, null),
    RELATION("与户主关系", "relation", false, true, labels(Relation.class,
            "户主", Relation.HEAD, "配偶", Relation.SPOUSE, "子女", Relation.CHILD, "父母", Relation.PARENT,
            "兄弟姐妹", Relation.SIBLING, "孙子女", Relation.GRANDCHILD, "其他", Relation.OTHER)),
    BIRTH_DATE("出生日期", "birthDate", false, false, null),
    GENDER("性别", "gender", false, false, labels(Gender.class, "男", Gender.MALE, "女", Gender.FEMALE)),
    EDUCATION("文化程度", "education", false, false, labels(Education.class,
            "无", Education.NONE, "小学", Education.PRIMARY, "初中", Education.JUNIOR_MIDDLE, "高中", Education.SENIOR_MIDDLE,
            "中专", Education.VOCATIONAL, "大专", Education.COLLEGE, "本科", Education.BACHELOR, "研究生", Education.POSTGRADUATE)),
    SKILLS("技能", "skills", false, false, null),
    LABOUR_CAPACITY("劳动能力", "labourCapacity", false, true, labels(LabourCapacity.class,
            "完全", LabourCapacity.FULL, "部分", LabourCapacity.PARTIAL, "无", LabourCapacity.NONE)),
    WILLING_TO_WORK("就业意愿", "willingToWork", false, true, null),
    OCCUPATION_CATEGORY("职业类别", "occupationCategory", false, true, labels(OccupationCategory.class,
            "工人", OccupationCategory.WORKER, "干部", OccupationCategory.CADRE)),
    STATUS("就业状况", "status", false, true, labels(EmploymentStatus.class,
            "稳定就业", EmploymentStatus.EMPLOYED_STABLE, "不稳定就业", EmploymentStatus.EMPLOYED_UNSTABLE,
            "失业", EmploymentStatus.UNEMPLOYED, "在校学生", EmploymentStatus.STUDENT, "服兵役", EmploymentStatus.MILITARY,
            "退休", EmploymentStatus.RETIRED)),
    STATUS_SINCE("状况起始日期", "statusSince", false, false, null),
    BUSINESS_INCOME("经营性收入", "businessIncome", false, false, null),
    GRADUATED_ON("毕业日期", "graduatedOn", false, false, null);

    /** The answers a yes/no column takes (是/否, 有/无, true/false). */
    public static final Map<String, Boolean> YES_NO = Map.of("是", true, "否", false, "有", true, "无", false,
            "true", true, "false", false, "yes", true, "no", false, "y", true, "n", false);

    private final String chinese;
    private final String field;
    private final boolean householdLevel;
    private final boolean required;
    private final Map<String, Enum<?>> labels;

    LedgerColumn(String chinese, String field, boolean householdLevel, boolean required, Map<String, Enum<?>> labels) {
        this.chinese = chinese;
        this.field = field;
        this.householdLevel = householdLevel;
        this.required = required;
        this.labels = labels;
    }

    /** The template's header, e.g. 身份证号. */
    public String chinese() {
        return chinese;
    }

    /** The registration API's field name, accepted as a header too, e.g. {@code nationalId}. */
    public String field() {
        return field;
    }

    /** Whether the column describes the household, not the member. */
    public boolean householdLevel() {
        return householdLevel;
    }

    /** Whether the header must be present and the cell filled. */
    public boolean required() {
        return required;
    }

    /** For an enumeration, its Chinese labels in the template's order, each with its value; else empty. */
    public Map<String, Enum<?>> labels() {
        return labels == null ? Map.of() : labels;
    }

    /** The column a header names (Chinese or the API's field name, case and blanks ignored), if any. */
    public static Optional<LedgerColumn> byHeader(String header) {
        String text = header == null ? "" : header.strip().replace("*", "");
        for (LedgerColumn column : values()) {
            if (column.chinese.equals(text) || column.field.equalsIgnoreCase(text)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /** The value of an enumeration cell given as a Chinese label or an enum name (any case); empty when neither. */
    public Optional<Enum<?>> label(String cell) {
        if (labels == null) {
            return Optional.empty();
        }
        String text = cell.strip();
        Enum<?> byLabel = labels.get(text);
        if (byLabel != null) {
            return Optional.of(byLabel);
        }
        String name = text.toUpperCase(Locale.ROOT);
        for (Enum<?> value : labels.values()) { // every constant has a label, so this is every constant
            if (value.name().equals(name)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Enum<?>> labels(Class<? extends Enum<?>> type, Object... pairs) {
        Map<String, Enum<?>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Enum<?>) pairs[i + 1]);
        }
        if (map.size() != type.getEnumConstants().length) {
            throw new IllegalStateException("every value of " + type.getSimpleName() + " needs a label");
        }
        return map;
    }
}
