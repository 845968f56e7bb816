package io.wanjia.deadline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The alerts' Chinese words: what each kind says for the ladder's rungs, a breach, a missed sub-deadline, a clock not started. */
class AlertTextsTest {

    private static final UUID CASE = UUID.fromString("0b6f3a52-8c1e-4d7a-9f00-3e2d1c0b9a87");
    private static final String LINK = AlertMessage.caseLink("http://localhost:8080/", CASE);
    private static final Pattern NATIONAL_ID = Pattern.compile("\\d{17}[\\dXx]");
    private static final List<Function<AlertMessage, String>> EVERY_TEXT = List.of(AlertTexts::subject, AlertTexts::mailText,
            AlertTexts::weComMarkdown, AlertTexts::dingTalkMarkdown);

    @ParameterizedTest(name = "{0} day {1}, {2} days left: {4}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "COMMUNITY | 10 | 10  | false | 【万家督办】和平区 第10天 社区级 剩余10天",
            "STREET    | 15 | 5   | false | 【万家督办】和平区 第15天 街道级 剩余5天",
            "DISTRICT  | 18 | 2   | false | 【万家督办】和平区 第18天 区县级 剩余2天",
            "DISTRICT  | 20 | 0   | false | 【万家督办】和平区 第20天 区县级 今天到期",
            "CITY      | 21 | -1  | true  | 【万家督办】和平区 第21天 市级 已超期1天",
            "CITY      | 26 | -6  | true  | 【万家督办】和平区 第26天 市级 已超期6天"})
    void shouldSayTheLevelDayAndDaysLeftInTheSubject(Level level, int day, Long daysLeft, boolean breach, String subject) {
        AlertMessage m = message(level, day, daysLeft, LocalDate.of(2026, 12, 20), breach, null);

        assertThat(AlertTexts.subject(m)).isEqualTo(subject);
    }

    @Test
    void shouldWriteTheMailBodyWithTheDistrictHouseholdProgressAndLink() {
        String text = AlertTexts.mailText(message(Level.DISTRICT, 18, 2L, LocalDate.of(2026, 12, 20), false, null));

        assertThat(text).contains("区县级督办提醒", "区县：和平区（210102）", "家庭编号：3f2a9c1e", "事项：零就业家庭就业援助",
                "进度：第18天，剩余2天（最后一天 2026-12-20）", "案件：http://localhost:8080/#/cases/" + CASE);
    }

    @Test
    void shouldWriteTheRobotsMarkdownWithALinkToTheCase() {
        AlertMessage m = message(Level.CITY, 21, -1L, LocalDate.of(2026, 12, 20), true, null);

        assertThat(AlertTexts.weComMarkdown(m)).contains("<font color=\"warning\">市级</font>", "> 家庭编号：3f2a9c1e",
                "第21天，已超期1天", "[查看案件](" + LINK + ")");
        assertThat(AlertTexts.dingTalkMarkdown(m)).contains("#### 【万家督办】市级督办提醒", "- 区县：和平区（210102）",
                "**第21天，已超期1天（最后一天 2026-12-20）**", "[查看案件](" + LINK + ")");
    }

    @Test
    void shouldNameTheMissedSubDeadlineOfTheIdentification() {
        AlertMessage m = message(Level.STREET, 5, 15L, LocalDate.of(2026, 12, 20), false, "VERIFY");

        assertThat(AlertTexts.subject(m)).isEqualTo("【万家督办】和平区 第5天 街道级 认定超时（调查核实）");
        assertThat(AlertTexts.mailText(m)).contains("认定环节「调查核实」超时");
    }

    @Test
    void shouldSayWhenTheClockHasNotStarted() {
        AlertMessage m = message(Level.STREET, 4, null, null, false, "REVIEW");

        assertThat(AlertTexts.mailText(m)).contains("进度：第4天，期限在认定确认后起算");
    }

    @Test
    void shouldShowTheCodeWhereTheDistrictHasNoName() {
        AlertMessage m = new AlertMessage(Level.DISTRICT, "219999", "219999", "3f2a9c1e", 18, 2L, LocalDate.of(2026, 12, 20), false,
                Target.GRADUATE, null, LINK);

        assertThat(AlertTexts.subject(m)).startsWith("【万家督办】219999 第18天");
        assertThat(AlertTexts.mailText(m)).contains("区县：219999\n", "事项：困难家庭高校毕业生就业");
    }

    @Test
    void shouldCarryNoNationalIdInAnyText() {
        AlertMessage m = message(Level.CITY, 21, -1L, LocalDate.of(2026, 12, 20), true, null);

        EVERY_TEXT.forEach(text -> assertThat(NATIONAL_ID.matcher(text.apply(m)).find()).as(text.apply(m)).isFalse());
    }

    private static AlertMessage message(Level level, int day, Long daysLeft, LocalDate lastDay, boolean breach, String stage) {
        return new AlertMessage(level, "210102", "和平区", AlertMessage.householdRef(UUID.fromString("3f2a9c1e-1111-4222-8333-444455556666")),
                day, daysLeft, lastDay, breach, Target.HOUSEHOLD, stage, LINK);
    }
}
