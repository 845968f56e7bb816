package io.wanjia.deadline.service;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.wanjia.commons.problem.ProblemException;
import io.wanjia.deadline.WebhookSubscription;
import io.wanjia.deadline.domain.Level;
import io.wanjia.deadline.domain.RobotUrl;
import io.wanjia.deadline.domain.SubscriptionKind;
import io.wanjia.deadline.domain.SubscriptionRule;

/**
 * Subscribes receivers to alerts, of every kind: each field checked for the kind ({@link SubscriptionRule}), URLs only
 * where {@link WebhookTargets} lets them through (a robot's only on its vendor's host, or in the allowed networks), and
 * secrets and robot tokens sealed at once.
 */
@ApplicationScoped
public class WebhookSubscriptions {

    /** A subscription to make; {@code kind} null is a WEBHOOK (what every subscription was before issue #19). */
    public record NewSubscription(SubscriptionKind kind, String url, List<String> recipients, String areaPrefix, Level minLevel,
            String secret) {
    }

    @Inject
    WebhookTargets targets;
    @Inject
    WebhookSecrets secrets;
    @Inject
    Clock clock;

    /** A new active subscription; 400 naming the field and the rule when it cannot receive alerts. */
    @Transactional(Transactional.TxType.MANDATORY)
    public WebhookSubscription subscribe(NewSubscription request, String actor) {
        SubscriptionKind kind = request.kind() == null ? SubscriptionKind.WEBHOOK : request.kind();
        List<String> recipients = request.recipients() == null ? null : request.recipients().stream().map(r -> r == null ? "" : r.trim()).toList();
        SubscriptionRule.check(kind, request.url(), recipients, request.secret()).ifPresent(violation -> {
            throw ProblemException.invalid(violation.field(), violation.rule(), violation.description());
        });
        WebhookSubscription s = new WebhookSubscription();
        s.id = UUID.randomUUID();
        s.kind = kind;
        switch (kind) {
            case WEBHOOK -> {
                check(request.url());
                s.url = request.url();
            }
            case EMAIL -> s.recipients = String.join(",", recipients);
            case WECOM, DINGTALK -> {
                RobotUrl robot = robot(kind, request.url());
                s.url = robot.address().toString();
                s.sealedToken = secrets.sealToken(s.id, robot.token());
            }
        }
        if (kind == SubscriptionKind.WEBHOOK || kind == SubscriptionKind.DINGTALK) {
            s.sealedSecret = secrets.seal(s.id, request.secret());
        }
        s.areaPrefix = request.areaPrefix();
        s.minLevel = request.minLevel();
        s.active = true;
        s.createdAt = clock.instant();
        s.createdBy = actor;
        s.persist();
        return s;
    }

    /** The robot URL, on its vendor's host or resolving into the allowed networks only, and passing the target rule. */
    private RobotUrl robot(SubscriptionKind kind, String url) {
        RobotUrl robot;
        try {
            robot = RobotUrl.parse(kind, url);
        } catch (RobotUrl.Invalid invalid) {
            throw ProblemException.invalid("url", invalid.refusal().rule(), invalid.refusal().description());
        }
        if (!robot.atVendor() && !targets.withinAllowedNetworks(robot.address().getHost())) {
            throw ProblemException.invalid("url", "robot-host", "a " + kind + " robot lives on " + robot.vendorHost()
                    + ": another host is taken only where it resolves into wanjia.deadline.webhooks.allowed-networks (a relay of your own)");
        }
        check(robot.withToken(""));
        return robot;
    }

    private void check(String url) {
        try {
            targets.check(url);
        } catch (WebhookTargets.RefusedTarget refused) {
            throw ProblemException.invalid("url", refused.refusal().rule(), refused.refusal().description()
                    + ": alerts go only to public addresses, or to those wanjia.deadline.webhooks.allowed-networks lists");
        }
    }
}
