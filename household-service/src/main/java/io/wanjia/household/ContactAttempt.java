package io.wanjia.household;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.wanjia.household.domain.Reachability.Channel;

/** One attempt to reach a household (电话核实, 走访): when, how, whether anyone was reached. */
@Entity
@Table(name = "contact_attempt")
public class ContactAttempt extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "household_id")
    public UUID householdId;
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "attempted_on")
    public LocalDate attemptedOn;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public boolean reached;
    public String note;
    public String actor;
    @Column(name = "recorded_at")
    public Instant recordedAt;
}
