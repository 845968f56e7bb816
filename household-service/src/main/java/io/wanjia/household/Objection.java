package io.wanjia.household;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An objection raised while an identification was posted (公示): who, what, and how it was resolved. */
@Entity
@Table(name = "identification_objection")
public class Objection extends PanacheEntityBase {

    /** How an objection ended. */
    public enum Resolution {
        OPEN, DISMISSED, UPHELD_SENT_BACK, UPHELD_REJECTED
    }

    @Id
    public UUID id;
    @ManyToOne
    @JoinColumn(name = "identification_id")
    public Identification identification;
    @Column(name = "raised_on")
    public LocalDate raisedOn;
    @Column(name = "raised_by")
    public String raisedBy;
    public String what;
    @Enumerated(EnumType.STRING)
    public Resolution resolution = Resolution.OPEN;
    @Column(name = "resolution_note")
    public String resolutionNote;
    @Column(name = "resolved_on")
    public LocalDate resolvedOn;
    @Column(name = "resolved_by")
    public String resolvedBy;
    @Column(name = "recorded_by")
    public String recordedBy;
}
