package io.wanjia.household;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.wanjia.household.domain.IdentificationProcedure.Source;
import io.wanjia.household.domain.IdentificationProcedure.Stage;
import io.wanjia.household.domain.ZeroEmploymentRule.Why;

/** An identification (认定) of one household: where it stands, its timeline and the objections raised during posting. */
@Entity
public class Identification extends PanacheEntityBase {

    /** The stages an identification waits in for a step. */
    public static final List<Stage> OPEN_STAGES = Arrays.stream(Stage.values()).filter(Stage::open).toList();

    @Id
    public UUID id;
    @Column(name = "household_id")
    public UUID householdId;
    @Column(name = "district_code")
    public String districtCode;
    @Enumerated(EnumType.STRING)
    public Source source;
    @Enumerated(EnumType.STRING)
    public Stage stage;
    @Column(name = "opened_on")
    public LocalDate openedOn;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "rule_agrees")
    public boolean ruleAgrees;
    @Enumerated(EnumType.STRING)
    @Column(name = "rule_finding")
    public Why ruleFinding;
    @Column(name = "posting_starts_on")
    public LocalDate postingStartsOn;
    @Column(name = "posting_ends_on")
    public LocalDate postingEndsOn;
    @Column(name = "reviewed_by")
    public String reviewedBy;
    @Column(name = "ledger_number")
    public String ledgerNumber;
    @Column(name = "closed_on")
    public LocalDate closedOn;
    @Column(name = "close_reason")
    public String closeReason;
    @Version
    public long version;

    @OneToMany(mappedBy = "identification", cascade = CascadeType.ALL)
    @OrderBy("seq")
    public List<IdentificationEntry> entries = new ArrayList<>();
    @OneToMany(mappedBy = "identification", cascade = CascadeType.ALL)
    @OrderBy("raisedOn")
    public List<Objection> objections = new ArrayList<>();

    /** The objections raised during posting that wait for a resolution. */
    public int openObjections() {
        return (int) objections.stream().filter(o -> o.resolution == Objection.Resolution.OPEN).count();
    }

    /**
     * The open identification of {@code householdId}, or null. The query does not flush first: a batch of labour reports
     * asks once per transition, and flushing a thousand households' entities each time made the batch quadratic
     * (`./platform bench --quick`, bench/README.md). An identification opened earlier in the same transaction is
     * therefore not seen here: {@code IdentificationDesk} remembers those itself.
     */
    public static Identification openOf(UUID householdId) {
        return find("householdId = ?1 and stage in ?2", householdId, OPEN_STAGES).withHint("org.hibernate.flushMode", "COMMIT").firstResult();
    }

    /** The open identifications of {@code householdIds}, in one query that does not flush first either. */
    public static List<Identification> openOf(Collection<UUID> householdIds) {
        return find("householdId in ?1 and stage in ?2", householdIds, OPEN_STAGES).withHint("org.hibernate.flushMode", "COMMIT").list();
    }
}
