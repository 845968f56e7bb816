package io.wanjia.deadline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.wanjia.deadline.domain.RobotAnswer.Verdict;

/** What a robot's errcode means for a delivery: one row per code, with what the vendor says it means. */
class RobotAnswerTest {

    @ParameterizedTest(name = "{0} errcode {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "WECOM    | 0      | DELIVERED | ok",
            "WECOM    | -1     | RETRY     | 系统繁忙: try again later",
            "WECOM    | 45009  | RETRY     | api freq out of limit (20 messages a minute per robot)",
            "WECOM    | 93000  | GIVE_UP   | invalid webhook url: the key is unknown or the robot was removed",
            "WECOM    | 40058  | RETRY     | a code not listed is retried, never dropped on a guess",
            "WECOM    | none   | RETRY     | an answer without errcode is no robot's answer",
            "DINGTALK | 0      | DELIVERED | ok",
            "DINGTALK | -1     | RETRY     | 系统繁忙",
            "DINGTALK | 130101 | RETRY     | send too fast",
            "DINGTALK | 410100 | RETRY     | 发送速度太快而限流",
            "DINGTALK | 310000 | GIVE_UP   | the security setting refuses: sign not match, keyword or IP",
            "DINGTALK | 300001 | GIVE_UP   | token is not exist",
            "DINGTALK | 400101 | GIVE_UP   | access_token不存在",
            "DINGTALK | 400102 | GIVE_UP   | 机器人已停用",
            "DINGTALK | 400106 | GIVE_UP   | 机器人不存在",
            "DINGTALK | 93000  | RETRY     | WeCom's code means nothing to DingTalk",
            "DINGTALK | none   | RETRY     | no errcode"})
    void shouldJudgeTheRobotsAnswer(SubscriptionKind kind, Integer errcode, Verdict verdict, String meaning) {
        assertThat(RobotAnswer.of(kind, errcode)).isEqualTo(verdict);
    }
}
