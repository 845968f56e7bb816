package io.wanjia.household;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.wanjia.household.domain.IdentificationProcedure.Stage;

/** One entry of an identification's timeline: who did what, on which business date, and the stage it led to. */
@Entity
@Table(name = "identification_entry")
public class IdentificationEntry extends PanacheEntityBase {

    /** How a verification was done. */
    public enum Method {
        VISIT, PHONE
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "identification_entry_ids")
    @SequenceGenerator(name = "identification_entry_ids", sequenceName = "identification_entry_seq_seq", allocationSize = 50)
    public Long seq;
    @ManyToOne
    @JoinColumn(name = "identification_id")
    public Identification identification;
    /** The {@code Action} taken, or {@code OPENED} for the entry that began the identification. */
    public String action;
    @Enumerated(EnumType.STRING)
    @Column(name = "stage_after")
    public Stage stageAfter;
    @Column(name = "on_date")
    public LocalDate on;
    @Enumerated(EnumType.STRING)
    public Method method;
    public String note;
    public String actor;
    @Column(name = "recorded_at")
    public Instant recordedAt;
}
