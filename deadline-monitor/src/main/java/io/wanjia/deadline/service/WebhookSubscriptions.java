package io.wanjia.deadline.service;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.wanjia.commons.problem.ProblemException;
import io.wanjia.deadline.WebhookSubscription;
import io.wanjia.deadline.domain.Level;

/** Subscribes URLs to alerts: only targets {@link WebhookTargets} lets through, with the secret sealed at once. */
@ApplicationScoped
public class WebhookSubscriptions {

    @Inject
    WebhookTargets targets;
    @Inject
    WebhookSecrets secrets;
    @Inject
    Clock clock;

    /** A new active subscription; 400 naming {@code url} and the rule when the target may not receive alerts. */
    @Transactional(Transactional.TxType.MANDATORY)
    public WebhookSubscription subscribe(String url, String areaPrefix, Level minLevel, String secret, String actor) {
        try {
            targets.check(url);
        } catch (WebhookTargets.RefusedTarget refused) {
            throw ProblemException.invalid("url", refused.refusal().rule(), refused.refusal().description()
                    + ": alerts go only to public addresses, or to those wanjia.deadline.webhooks.allowed-networks lists");
        }
        WebhookSubscription s = new WebhookSubscription();
        s.id = UUID.randomUUID();
        s.url = url;
        s.areaPrefix = areaPrefix;
        s.minLevel = minLevel;
        s.sealedSecret = secrets.seal(s.id, secret);
        s.active = true;
        s.createdAt = clock.instant();
        s.createdBy = actor;
        s.persist();
        return s;
    }
}
