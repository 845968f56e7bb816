package io.wanjia.deadline.domain;

import java.util.Map;
import java.util.Set;

/**
 * What a group robot's answer means for a delivery. Both robots answer HTTP 200 with {@code {"errcode":0,...}} when the
 * message is in the group, and another errcode when it is not. Codes that say the subscription itself is wrong — the
 * key or token is unknown, the robot was removed or stopped, its security setting refuses our signature — are given up
 * at once: sending the same request again an hour later changes nothing, and the delivery log shows the code so an
 * administrator subscribes the robot again. Every other code (throttling, "system busy", a code we do not know) is
 * retried on the usual schedule: an alert is not dropped on a guess.
 */
public final class RobotAnswer {

    /** What to do with the delivery. */
    public enum Verdict {
        DELIVERED, RETRY, GIVE_UP
    }

    /**
     * Errcodes that will not change by retrying. WeCom: 93000 (invalid webhook URL: the key is unknown or the robot was
     * removed). DingTalk: 300001 and 400101 (the access_token does not exist), 400102 (the robot is stopped), 400106
     * (the robot does not exist), 310000 (the robot's security setting refuses the message: 加签 mismatch, keyword or IP).
     */
    static final Map<SubscriptionKind, Set<Integer>> GIVE_UP = Map.of(
            SubscriptionKind.WECOM, Set.of(93000),
            SubscriptionKind.DINGTALK, Set.of(300001, 400101, 400102, 400106, 310000));

    private RobotAnswer() {
    }

    /** The verdict on an HTTP 200 answer whose body carried {@code errcode} (null: the body was not a robot's answer). */
    public static Verdict of(SubscriptionKind kind, Integer errcode) {
        if (errcode == null) {
            return Verdict.RETRY;
        }
        if (errcode == 0) {
            return Verdict.DELIVERED;
        }
        return GIVE_UP.getOrDefault(kind, Set.of()).contains(errcode) ? Verdict.GIVE_UP : Verdict.RETRY;
    }
}
