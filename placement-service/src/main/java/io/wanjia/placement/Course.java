package io.wanjia.placement;

import java.math.BigDecimal;
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

/** 技能培训: a training course a district refers members of zero-employment households to; it teaches one skill. */
@Entity
@Table(name = "course")
public class Course extends PanacheEntityBase {

    /** FREE to the trainee, or SUBSIDISED: the trainee's fee is covered by a training subsidy (培训补贴) of {@link #subsidyAmount}. */
    public enum Cost {
        FREE, SUBSIDISED
    }

    @Id
    public UUID id;
    @Column(name = "district_code")
    public String districtCode;
    public String provider;
    public String title;
    /** The skill tag a completed course adds to the member's skills, as job posts ask for skills. */
    public String skill;
    @Column(name = "start_date")
    public LocalDate startDate;
    @Column(name = "end_date")
    public LocalDate endDate;
    @Enumerated(EnumType.STRING)
    public Cost cost;
    /** Yuan per trainee for the whole course; only when SUBSIDISED. */
    @Column(name = "subsidy_amount")
    public BigDecimal subsidyAmount;
    /** Whether officers of the course's other districts in the same city may refer their candidates (as for posts). */
    @Column(name = "open_to_city")
    public boolean openToCity;
    @Column(name = "created_at")
    public Instant createdAt;
}
