package io.wanjia.deadline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which fields each kind of subscription takes; one row per case, a problem's field and rule as the API answers them. */
class SubscriptionRuleTest {

    private static final String URL = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa";
    private static final String SIGNING = "a-long-shared-secret-for-webhooks";
    private static final String SEC = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";

    @ParameterizedTest(name = "{0} url={1} recipients={2} secret={3}: {4} {5}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // kind  | url  | recipients (;)                      | secret  | field         | rule
            "WEBHOOK  | url  | -                                    | signing | -             | -",
            "WEBHOOK  | -    | -                                    | signing | url           | required",
            "WEBHOOK  | url  | -                                    | -       | secret        | required",
            "WEBHOOK  | url  | duty@heping.gov.cn                   | signing | recipients    | not-for-kind",
            "EMAIL    | -    | duty@heping.gov.cn;ban@shenyang.gov.cn | -     | -             | -",
            "EMAIL    | -    | -                                    | -       | recipients    | required",
            "EMAIL    | url  | duty@heping.gov.cn                   | -       | url           | not-for-kind",
            "EMAIL    | -    | duty@heping.gov.cn                   | signing | secret        | not-for-kind",
            "EMAIL    | -    | duty@heping.gov.cn;not-an-address    | -       | recipients[1] | email",
            "EMAIL    | -    | duty@localhost                       | -       | recipients[0] | email",
            "EMAIL    | -    | 张三@heping.gov.cn                    | -       | recipients[0] | email",
            "EMAIL    | -    | \"Duty\" <duty@heping.gov.cn>          | -       | recipients[0] | email",
            "EMAIL    | -    | duty@xn--fiqs8s.xn--fiqs8s           | -       | -             | -",
            "WECOM    | url  | -                                    | -       | -             | -",
            "WECOM    | -    | -                                    | -       | url           | required",
            "WECOM    | url  | -                                    | signing | secret        | not-for-kind",
            "DINGTALK | url  | -                                    | sec     | -             | -",
            "DINGTALK | url  | -                                    | -       | secret        | required",
            "DINGTALK | url  | -                                    | signing | secret        | dingtalk-secret",
            "DINGTALK | url  | duty@heping.gov.cn                   | sec     | recipients    | not-for-kind"})
    void shouldCheckTheFieldsOfEachKind(SubscriptionKind kind, String url, String recipients, String secret, String field,
            String rule) {
        List<String> addresses = recipients == null ? null : Arrays.asList(recipients.split(";"));
        String secretValue = secret == null ? null : secret.equals("sec") ? SEC : SIGNING;

        var violation = SubscriptionRule.check(kind, url == null ? null : URL, addresses, secretValue);

        if (field == null) {
            assertThat(violation).isEmpty();
        } else {
            assertThat(violation).hasValueSatisfying(v -> {
                assertThat(v.field()).isEqualTo(field);
                assertThat(v.rule()).isEqualTo(rule);
            });
        }
    }

    @Test
    void shouldRefuseAnAddressThatWouldCarryALineBreakIntoTheHeaders() {
        assertThat(SubscriptionRule.check(SubscriptionKind.EMAIL, null, List.of("duty@heping.gov.cn\r\nBcc: x@evil.cn"), null))
                .hasValueSatisfying(v -> assertThat(v.field()).isEqualTo("recipients[0]"));
    }

    @Test
    void shouldTakeAtMostTwentyRecipients() {
        assertThat(SubscriptionRule.check(SubscriptionKind.EMAIL, null, Collections.nCopies(21, "duty@heping.gov.cn"), null))
                .hasValueSatisfying(v -> assertThat(v.rule()).isEqualTo("at-most-20"));
        assertThat(SubscriptionRule.check(SubscriptionKind.EMAIL, null, Collections.nCopies(20, "duty@heping.gov.cn"), null)).isEmpty();
    }
}
