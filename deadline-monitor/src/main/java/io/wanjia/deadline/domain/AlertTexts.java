package io.wanjia.deadline.domain;

import java.util.Map;

/**
 * The words of an alert in Chinese, for every kind that carries text — the e-mail's subject and body, the 企业微信
 * robot's markdown, the 钉钉 robot's title and markdown — in one place, so that a change of wording changes them all.
 * Each says the level, the district, the household's short reference, the day and the days left, and links the case;
 * none has anything that names a person (the message has nothing to say it with: {@link AlertMessage}). Every value
 * comes from this service (codes, names from the shipped division list, numbers, the configured console address),
 * none from a request, so nothing needs escaping in markdown.
 */
public final class AlertTexts {

    private static final Map<Level, String> LEVELS = Map.of(Level.COMMUNITY, "社区级", Level.STREET, "街道级",
            Level.DISTRICT, "区县级", Level.CITY, "市级");
    private static final Map<Target, String> TARGETS = Map.of(Target.HOUSEHOLD, "零就业家庭就业援助（至少一人就业）",
            Target.GRADUATE, "困难家庭高校毕业生就业", Target.DOUBLE_EMPLOYMENT, "双就业（第二人稳定就业）",
            Target.UNSTABLE_TO_STABLE, "不稳定就业转为稳定就业");
    private static final Map<String, String> STAGES = Map.of("VERIFY", "调查核实", "REVIEW", "街道审核", "POSTING", "公示",
            "CONFIRM", "区县确认");

    private AlertTexts() {
    }

    /** The e-mail's subject and the DingTalk message's title: 【万家督办】和平区 第18天 区县级 剩余2天. */
    public static String subject(AlertMessage m) {
        return "【万家督办】" + m.districtName() + " 第" + m.day() + "天 " + level(m) + " " + situation(m);
    }

    /** The e-mail's plain-text body. */
    public static String mailText(AlertMessage m) {
        return "【万家督办】" + level(m) + "督办提醒\n\n"
                + "区县：" + district(m) + "\n"
                + "家庭编号：" + m.householdRef() + "\n"
                + "事项：" + matter(m) + "\n"
                + "进度：" + progress(m) + "\n"
                + "案件：" + m.caseLink() + "\n\n"
                + "请登录万家系统查看案件，落实援助，并在督办箱中确认。\n"
                + "本提醒不含身份证号和姓名；家庭详情只在系统内查看。\n";
    }

    /** The 企业微信 robot's markdown ({@code markdown.content}; WeCom colours: info, comment, warning). */
    public static String weComMarkdown(AlertMessage m) {
        return "**【万家督办】" + m.districtName() + " 第" + m.day() + "天 <font color=\"warning\">" + level(m) + "</font>**\n"
                + "> 区县：" + district(m) + "\n"
                + "> 家庭编号：" + m.householdRef() + "\n"
                + "> 事项：" + matter(m) + "\n"
                + "> 进度：<font color=\"warning\">" + progress(m) + "</font>\n\n"
                + "[查看案件](" + m.caseLink() + ")";
    }

    /** The 钉钉 robot's markdown ({@code markdown.text}; its {@code title} is {@link #subject}). */
    public static String dingTalkMarkdown(AlertMessage m) {
        return "#### 【万家督办】" + level(m) + "督办提醒\n\n"
                + "- 区县：" + district(m) + "\n"
                + "- 家庭编号：" + m.householdRef() + "\n"
                + "- 事项：" + matter(m) + "\n"
                + "- 进度：**" + progress(m) + "**\n\n"
                + "[查看案件](" + m.caseLink() + ")";
    }

    /** 社区级, 街道级, 区县级 or 市级. */
    public static String level(AlertMessage m) {
        return LEVELS.get(m.level());
    }

    private static String district(AlertMessage m) {
        return m.districtName().equals(m.districtCode()) ? m.districtCode() : m.districtName() + "（" + m.districtCode() + "）";
    }

    private static String matter(AlertMessage m) {
        String target = TARGETS.get(m.target());
        return m.identificationStage() == null ? target
                : target + "，认定环节「" + STAGES.getOrDefault(m.identificationStage(), m.identificationStage()) + "」超时";
    }

    /** The short state the subject ends with. */
    private static String situation(AlertMessage m) {
        if (m.identificationStage() != null) {
            return "认定超时（" + STAGES.getOrDefault(m.identificationStage(), m.identificationStage()) + "）";
        }
        return left(m);
    }

    private static String left(AlertMessage m) {
        if (m.daysLeft() == null) {
            return m.breach() ? "已超期" : "期限未起算";
        }
        if (m.daysLeft() < 0) {
            return "已超期" + -m.daysLeft() + "天";
        }
        return m.daysLeft() == 0 ? "今天到期" : "剩余" + m.daysLeft() + "天";
    }

    private static String progress(AlertMessage m) {
        if (m.lastDay() == null) {
            return "第" + m.day() + "天，期限在认定确认后起算";
        }
        return "第" + m.day() + "天，" + left(m) + "（最后一天 " + m.lastDay() + "）";
    }
}
