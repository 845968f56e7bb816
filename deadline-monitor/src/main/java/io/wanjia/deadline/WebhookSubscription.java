package io.wanjia.deadline;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.wanjia.deadline.domain.Level;

/** A URL that receives the alerts of an area from a minimum level on, signed with its secret (sealed at rest). */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    public UUID id;
    public String url;
    @Column(name = "area_prefix")
    public String areaPrefix;
    @Enumerated(EnumType.STRING)
    @Column(name = "min_level")
    public Level minLevel;
    /** The secret that signs the alerts, sealed ({@code WebhookSecrets}); never shown back. */
    @Column(name = "secret_sealed")
    public byte[] sealedSecret;
    public boolean active;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
}
