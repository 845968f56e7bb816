package io.wanjia.deadline.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A robot's URL as WeCom and DingTalk show it: split into the address kept and the token sealed; anything else refused. */
class RobotUrlTest {

    private static final String KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
    private static final String TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void shouldSplitAWeComUrlIntoItsAddressAndKey() {
        RobotUrl robot = RobotUrl.parse(SubscriptionKind.WECOM, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + KEY);

        assertThat(robot.address()).hasToString("https://qyapi.weixin.qq.com/cgi-bin/webhook/send");
        assertThat(robot.token()).isEqualTo(KEY);
        assertThat(robot.atVendor()).isTrue();
        assertThat(robot.withToken("")).isEqualTo("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + KEY);
    }

    @Test
    void shouldSplitADingTalkUrlAndAppendTheSignature() {
        RobotUrl robot = RobotUrl.parse(SubscriptionKind.DINGTALK, "https://oapi.dingtalk.com/robot/send?access_token=" + TOKEN);

        assertThat(robot.address()).hasToString("https://oapi.dingtalk.com/robot/send");
        assertThat(robot.withToken("&timestamp=1&sign=x%2B"))
                .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=" + TOKEN + "&timestamp=1&sign=x%2B");
    }

    @Test
    void shouldTakeAnotherHostOnlyForTheServiceToCheckAgainstTheAllowedNetworks() {
        RobotUrl relay = RobotUrl.parse(SubscriptionKind.WECOM, "http://127.0.0.1:8099/cgi-bin/webhook/send?key=" + KEY);

        assertThat(relay.atVendor()).isFalse();
        assertThat(relay.address()).hasToString("http://127.0.0.1:8099/cgi-bin/webhook/send");
        assertThat(relay.vendorHost()).isEqualTo("qyapi.weixin.qq.com");
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "WECOM    | https://qyapi.weixin.qq.com/cgi-bin/webhook/send                            | robot-token",
            "WECOM    | https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=short                  | robot-token",
            "WECOM    | https://qyapi.weixin.qq.com/cgi-bin/webhook/send?access_token=" + TOKEN + " | robot-token",
            "WECOM    | https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + KEY + "&debug=1    | robot-token",
            "WECOM    | https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a%0d%0aX-Evil:1234567  | robot-token",
            "WECOM    | http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + KEY + "             | robot-url",
            "WECOM    | https://qyapi.weixin.qq.com/cgi-bin/other?key=" + KEY + "                   | robot-url",
            "WECOM    | https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=" + KEY + "       | robot-url",
            "DINGTALK | https://oapi.dingtalk.com/robot/send?key=" + KEY + "                        | robot-token",
            "DINGTALK | https://oapi.dingtalk.com/robot/other?access_token=" + TOKEN + "            | robot-url",
            "DINGTALK | ftp://oapi.dingtalk.com/robot/send?access_token=" + TOKEN + "               | http-or-https",
            "DINGTALK | https://me:pw@oapi.dingtalk.com/robot/send?access_token=" + TOKEN + "       | no-credentials",
            "DINGTALK | https://oapi.dingtalk.com/robot/send?access_token=" + TOKEN + " x           | url"})
    void shouldRefuseWhatIsNoRobotUrlOfItsKind(SubscriptionKind kind, String url, String rule) {
        assertThatThrownBy(() -> RobotUrl.parse(kind, url)).isInstanceOfSatisfying(RobotUrl.Invalid.class,
                invalid -> assertThat(invalid.refusal().rule()).isEqualTo(rule));
    }
}
