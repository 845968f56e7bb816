package io.wanjia.deadline.domain;

/**
 * How a subscription receives its alerts: a signed webhook (CloudEvents over HTTP), e-mail, or a group robot of the chat
 * tools government offices already use — 企业微信群机器人 (WeCom group robot) and 钉钉自定义机器人 (DingTalk custom
 * robot, with its 加签 signing).
 */
public enum SubscriptionKind {
    WEBHOOK, EMAIL, WECOM, DINGTALK;

    /** Whether alerts go to a group robot (a chat group, read by more people than the case's staff). */
    public boolean isRobot() {
        return this == WECOM || this == DINGTALK;
    }
}
