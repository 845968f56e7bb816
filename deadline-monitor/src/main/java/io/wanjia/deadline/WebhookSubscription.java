package io.wanjia.deadline;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.wanjia.deadline.domain.Level;
import io.wanjia.deadline.domain.SubscriptionKind;

/**
 * Who receives the alerts of an area from a minimum level on, and how ({@link SubscriptionKind}): a webhook URL signed
 * with its secret, e-mail recipients, or a group robot's URL whose token (and DingTalk's 加签 secret) is sealed at rest.
 */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public SubscriptionKind kind = SubscriptionKind.WEBHOOK;
    /** The webhook's URL, or a robot's without its token; null for e-mail. */
    public String url;
    /** E-mail recipients, comma-separated (an address has no comma: {@code SubscriptionRule}); null for other kinds. */
    public String recipients;
    @Column(name = "area_prefix")
    public String areaPrefix;
    @Enumerated(EnumType.STRING)
    @Column(name = "min_level")
    public Level minLevel;
    /** The secret that signs the alerts, sealed ({@code WebhookSecrets}); never shown back. */
    @Column(name = "secret_sealed")
    public byte[] sealedSecret;
    /** A robot's token from its URL (企业微信 key, 钉钉 access_token), sealed ({@code WebhookSecrets}); never shown back. */
    @Column(name = "token_sealed")
    public byte[] sealedToken;
    public boolean active;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;

    /** The e-mail recipients as a list (empty for other kinds). */
    public List<String> recipientList() {
        return recipients == null ? List.of() : Arrays.asList(recipients.split(","));
    }
}
