package io.wanjia.household.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.outbox.Outbox;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.problem.Redaction;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.contracts.household.IdentificationConfirmed;
import io.wanjia.contracts.household.IdentificationOpened;
import io.wanjia.contracts.household.IdentificationRejected;
import io.wanjia.contracts.household.IdentificationStepCompleted;
import io.wanjia.household.Household;
import io.wanjia.household.Identification;
import io.wanjia.household.IdentificationEntry;
import io.wanjia.household.IdentificationEntry.Method;
import io.wanjia.household.Objection;
import io.wanjia.household.domain.HouseholdStatus;
import io.wanjia.household.domain.IdentificationProcedure;
import io.wanjia.household.domain.IdentificationProcedure.Action;
import io.wanjia.household.domain.IdentificationProcedure.NotNowException;
import io.wanjia.household.domain.IdentificationProcedure.Source;
import io.wanjia.household.domain.IdentificationProcedure.Stage;
import io.wanjia.household.domain.ZeroEmploymentRule;

/**
 * 认定: runs the identification procedure of {@link IdentificationProcedure} for households. Monitoring opens one
 * when the zero-employment rule finds a household ({@link #openByMonitoring}); a caseworker opens one on a household's
 * declaration. Each step is recorded on the identification's timeline, audited, and published on
 * {@code household.events.v1}; the free text of a step (findings, notes, objections) stays here, masked.
 */
@ApplicationScoped
public class IdentificationDesk {

    /** The actor of what monitoring does by itself. */
    static final String MONITORING = "system:monitoring";

    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;
    @Inject
    AreaScope scope;
    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    TransactionSynchronizationRegistry transaction;

    /**
     * Opens an identification found by monitoring: the household became zero-employment on {@code since}. Nothing
     * happens where one is already open (a declaration that the register now agrees with goes on).
     */
    public void openByMonitoring(Household household, LocalDate since) {
        if (openOf(household.id) != null) {
            return;
        }
        Identification identification = open(household, Source.MONITORING, since, true, ZeroEmploymentRule.Why.ALL_COUNTED_MEMBERS_OUT_OF_STABLE_WORK,
                MONITORING, null);
        audit.recordAtCommit(MONITORING, "identification", identification.id, "OPEN", null, state(identification));
    }

    /**
     * Ends the open identification of a household that stopped being zero-employment on {@code on}, or exited: overtaken
     * by events (a member found stable work meanwhile), whichever door it came in by.
     */
    public void overtake(Household household, LocalDate on) {
        Identification identification = openOf(household.id);
        if (identification == null) {
            return;
        }
        Map<String, Object> before = state(identification);
        take(identification, Action.OVERTAKEN, Stage.ENDED, on, null, "the household stopped being zero-employment", MONITORING);
        audit.recordAtCommit(MONITORING, "identification", identification.id, Action.OVERTAKEN.name(), before, state(identification));
    }

    /**
     * Opens an identification on a household's declaration (申报) at its community on {@code declaredOn}, running the
     * zero-employment rule as a check and recording where it disagrees. 409 while one is open.
     */
    @Transactional
    public Identification declare(UUID householdId, LocalDate declaredOn, String note) {
        Household household = lockedHousehold(householdId);
        LocalDate on = businessDate(declaredOn, household.registeredOn, "declaredOn");
        if (household.exited()) {
            throw ProblemException.conflict("status", "not-exited", "the household has exited the programme");
        }
        if (openOf(household.id) != null) {
            throw ProblemException.conflict("identification", "one-open", "an identification of this household is already open");
        }
        ZeroEmploymentRule.Decision decision = ZeroEmploymentRule.decide(household.memberFacts(), on);
        Identification identification = open(household, Source.DECLARATION, on, decision.zeroEmployment(), decision.why(), scope.subject(),
                note);
        audit.record("identification", identification.id, "DECLARE", null, state(identification));
        return identification;
    }

    /** The community's verification (调查核实): by visit or phone on {@code on}; {@code confirmed} whether it found the household as declared. */
    @Transactional
    public Identification verify(UUID id, boolean confirmed, Method method, LocalDate on, String findings) {
        return step(id, confirmed ? Action.VERIFIED : Action.VERIFICATION_FAILED, on, method, findings, (i, day) -> {
        });
    }

    /**
     * The street office's review (审核). Approving sets the public posting's period (公示), from {@code postingStartsOn}
     * to {@code postingEndsOn}, which must not start before the review.
     */
    @Transactional
    public Identification review(UUID id, boolean approved, LocalDate on, String note, LocalDate postingStartsOn, LocalDate postingEndsOn) {
        return step(id, approved ? Action.REVIEW_APPROVED : Action.REVIEW_REFUSED, on, null, note, (i, day) -> {
            if (!approved) {
                return;
            }
            if (postingStartsOn == null || postingEndsOn == null) {
                throw ProblemException.invalid("postingStartsOn", "required", "an approval sets the posting period: postingStartsOn and postingEndsOn");
            }
            if (postingStartsOn.isBefore(day)) {
                throw ProblemException.invalid("postingStartsOn", "not-before-review", "the posting cannot start before the review");
            }
            if (postingEndsOn.isBefore(postingStartsOn)) {
                throw ProblemException.invalid("postingEndsOn", "after-start", "postingEndsOn must not be before postingStartsOn");
            }
            i.postingStartsOn = postingStartsOn;
            i.postingEndsOn = postingEndsOn;
            i.reviewedBy = scope.subject();
        });
    }

    /** Records an objection raised during the posting by {@code raisedBy} (a neighbour, the residents' committee). */
    @Transactional
    public Objection object(UUID id, LocalDate raisedOn, String raisedBy, String what) {
        Objection[] raised = new Objection[1];
        step(id, Action.OBJECTION_RAISED, raisedOn, null, null, (i, day) -> {
            if (day.isBefore(i.postingStartsOn) || day.isAfter(i.postingEndsOn)) {
                throw ProblemException.invalid("raisedOn", "within-posting", "an objection is raised while the notice is posted, "
                        + i.postingStartsOn + " to " + i.postingEndsOn);
            }
            Objection objection = new Objection();
            objection.id = UUID.randomUUID();
            objection.identification = i;
            objection.raisedOn = day;
            objection.raisedBy = Redaction.mask(raisedBy.trim());
            objection.what = Redaction.mask(what.trim());
            objection.recordedBy = scope.subject();
            i.objections.add(objection);
            raised[0] = objection;
        });
        return raised[0];
    }

    /** Resolves an open objection: dismissed, or upheld and the identification sent back to review or rejected. */
    @Transactional
    public Identification resolve(UUID id, UUID objectionId, Objection.Resolution resolution, LocalDate on, String note) {
        Action action = switch (resolution) {
            case DISMISSED -> Action.OBJECTION_DISMISSED;
            case UPHELD_SENT_BACK -> Action.OBJECTION_UPHELD_SENT_BACK;
            case UPHELD_REJECTED -> Action.OBJECTION_UPHELD_REJECTED;
            case OPEN -> throw ProblemException.invalid("resolution", "enum", "resolution must be DISMISSED, UPHELD_SENT_BACK or UPHELD_REJECTED");
        };
        return step(id, action, on, null, note, (i, day) -> {
            Objection objection = i.objections.stream().filter(o -> o.id.equals(objectionId)).findFirst()
                    .orElseThrow(() -> ProblemException.notFound("objection", objectionId));
            if (objection.resolution != Objection.Resolution.OPEN) {
                throw ProblemException.conflict("resolution", "open", "the objection was already resolved (" + objection.resolution + ")");
            }
            objection.resolution = resolution;
            objection.resolvedOn = day;
            objection.resolvedBy = scope.subject();
            objection.resolutionNote = note == null ? null : Redaction.mask(note.trim());
            if (resolution == Objection.Resolution.UPHELD_SENT_BACK) {
                i.postingStartsOn = null; // a new review sets a new posting
                i.postingEndsOn = null;
            }
        });
    }

    /** Closes the posting once its period is over with no objection open: the district may confirm. */
    @Transactional
    public Identification completePosting(UUID id, LocalDate on) {
        return step(id, Action.POSTING_COMPLETED, on, null, null, (i, day) -> {
            if (!day.isAfter(i.postingEndsOn)) {
                throw ProblemException.conflict("on", "after-posting", "the notice is posted until " + i.postingEndsOn
                        + ": the posting completes from the day after");
            }
        });
    }

    /**
     * The district's confirmation (认定): the household enters the assistance ledger with a number of its own. Someone
     * other than the reviewer confirms, and only what the register shows zero-employment.
     */
    @Transactional
    public Identification confirm(UUID id, boolean confirmed, LocalDate on, String note) {
        return step(id, confirmed ? Action.CONFIRMED : Action.CONFIRMATION_REFUSED, on, null, note, (i, day) -> {
            if (!confirmed) {
                return;
            }
            if (scope.subject().equals(i.reviewedBy)) {
                throw ProblemException.conflict("confirmed", "four-eyes", "the identification is confirmed by someone other than its reviewer");
            }
            Household household = em.find(Household.class, i.householdId);
            if (household.status != HouseholdStatus.ZERO_EMPLOYMENT) {
                throw ProblemException.conflict("confirmed", "register-agrees", "the register does not show the household zero-employment: "
                        + "correct its members first (a verified situation is entered as a member change)");
            }
            i.ledgerNumber = nextLedgerNumber(i.districtCode, day.getYear());
        });
    }

    /** One identification in the caller's area, or 404. */
    public Identification get(UUID id) {
        Identification identification = Identification.findById(id);
        if (identification == null) {
            throw ProblemException.notFound("identification", id);
        }
        scope.require(identification.districtCode, "identification", id);
        return identification;
    }

    /** The identifications of a household in the caller's area, newest first. */
    public List<Identification> of(UUID householdId) {
        Household household = Household.findById(householdId);
        if (household == null) {
            throw ProblemException.notFound("household", householdId);
        }
        scope.require(household.districtCode, "household", householdId);
        return Identification.list("householdId", Sort.descending("openedAt"), householdId);
    }

    /** The worklist: identifications in the caller's area at {@code stage} (any open one when null), oldest first. */
    public List<Identification> worklist(Stage stage, int page, int size) {
        List<Stage> stages = stage == null ? Identification.OPEN_STAGES : List.of(stage);
        return Identification.find("districtCode like ?1 and stage in ?2", Sort.ascending("openedOn").and("id"), scope.likePattern(), stages)
                .page(Page.of(page, size)).list();
    }

    /** How many identifications {@link #worklist} pages through. */
    public long count(Stage stage) {
        List<Stage> stages = stage == null ? Identification.OPEN_STAGES : List.of(stage);
        return Identification.count("districtCode like ?1 and stage in ?2", scope.likePattern(), stages);
    }

    private Identification open(Household household, Source source, LocalDate on, boolean ruleAgrees, ZeroEmploymentRule.Why finding,
            String actor, String note) {
        Identification identification = new Identification();
        identification.id = UUID.randomUUID();
        identification.householdId = household.id;
        identification.districtCode = household.districtCode;
        identification.source = source;
        identification.stage = Stage.VERIFY;
        identification.openedOn = on;
        identification.openedAt = clock.instant();
        identification.ruleAgrees = ruleAgrees;
        identification.ruleFinding = finding;
        identification.persist();
        knownInThisTransaction().put(household.id, identification);
        entry(identification, null, on, null, note, actor);
        outbox.publish(household.id, new IdentificationOpened(identification.id, household.id, household.districtCode,
                IdentificationOpened.Source.valueOf(source.name()), on, ruleAgrees, finding.name()));
        return identification;
    }

    /**
     * Reads the open identifications of {@code householdIds} in one query, for the rest of this transaction: a batch
     * of labour reports asks this once instead of once per household that changes (those single queries took a
     * quarter of household-service's CPU in ingestion: bench/README.md, session 13).
     */
    public void readOpen(Collection<UUID> householdIds) {
        Map<UUID, Identification> known = knownInThisTransaction();
        List<UUID> unknown = householdIds.stream().filter(id -> !known.containsKey(id)).distinct().toList();
        if (unknown.isEmpty()) {
            return;
        }
        unknown.forEach(id -> known.put(id, null));
        Identification.openOf(unknown).forEach(identification -> known.put(identification.householdId, identification));
    }

    /**
     * The open identification of a household: one opened earlier in this transaction (not flushed yet), one read by
     * {@link #readOpen}, or the stored one.
     */
    private Identification openOf(UUID householdId) {
        Map<UUID, Identification> known = knownInThisTransaction();
        if (known.containsKey(householdId)) {
            Identification identification = known.get(householdId);
            return identification != null && identification.stage.open() ? identification : null;
        }
        return Identification.openOf(householdId);
    }

    /**
     * The identifications this transaction knows by household: those it opened, and those {@link #readOpen} found
     * (null where a household has none open). Every identification is opened through {@link #open}, which adds it.
     */
    @SuppressWarnings("unchecked")
    private Map<UUID, Identification> knownInThisTransaction() {
        Map<UUID, Identification> known = (Map<UUID, Identification>) transaction.getResource(IdentificationDesk.class);
        if (known == null) {
            known = new HashMap<>();
            transaction.putResource(IdentificationDesk.class, known);
        }
        return known;
    }

    /** A step on an identification: checked by the procedure and {@code check}, recorded, audited and published. */
    private Identification step(UUID id, Action action, LocalDate on, Method method, String note, StepCheck check) {
        Identification identification = get(id);
        em.lock(identification, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(identification);
        Map<String, Object> before = state(identification);
        LocalDate day = businessDate(on, identification.openedOn, "on");
        Stage next;
        try {
            next = IdentificationProcedure.next(identification.stage, action, identification.openObjections());
        } catch (NotNowException e) {
            throw ProblemException.conflict("stage", "procedure", e.getMessage());
        }
        check.apply(identification, day);
        take(identification, action, next, day, method, note, scope.subject());
        audit.record("identification", identification.id, action.name(), before, state(identification));
        return identification;
    }

    /** Moves the identification to {@code next} by {@code action}, records it on the timeline and publishes what it led to. */
    private void take(Identification identification, Action action, Stage next, LocalDate on, Method method, String note, String actor) {
        Stage from = identification.stage;
        identification.stage = next;
        entry(identification, action, on, method, note, actor);
        if (identification.stage == Stage.REJECTED) {
            identification.closedOn = on;
            identification.closeReason = action.name();
            outbox.publish(identification.householdId, new IdentificationRejected(identification.id, identification.householdId,
                    identification.districtCode, from.name(), action.name(), on));
        } else if (identification.stage == Stage.CONFIRMED) {
            identification.closedOn = on;
            outbox.publish(identification.householdId, new IdentificationConfirmed(identification.id, identification.householdId,
                    identification.districtCode, on, identification.ledgerNumber));
        } else {
            if (identification.stage == Stage.ENDED) {
                identification.closedOn = on;
                identification.closeReason = action.name();
            }
            outbox.publish(identification.householdId, new IdentificationStepCompleted(identification.id, identification.householdId,
                    identification.districtCode, from.name(), action.name(), identification.stage.name(), on, identification.postingEndsOn));
        }
    }

    private void entry(Identification identification, Action action, LocalDate on, Method method, String note, String actor) {
        IdentificationEntry entry = new IdentificationEntry();
        entry.identification = identification;
        entry.action = action == null ? "OPENED" : action.name();
        entry.stageAfter = identification.stage;
        entry.on = on;
        entry.method = method;
        entry.note = note == null || note.isBlank() ? null : Redaction.mask(note.trim());
        entry.actor = actor;
        entry.recordedAt = clock.instant();
        identification.entries.add(entry);
        entry.persist();
    }

    /** A step's business date: today when not given, never in the future, never before {@code notBefore}. */
    private LocalDate businessDate(LocalDate given, LocalDate notBefore, String field) {
        LocalDate today = LocalDate.now(clock);
        LocalDate on = given == null ? today : given;
        if (on.isAfter(today)) {
            throw ProblemException.invalid(field, "not-in-future", field + " must not be in the future");
        }
        if (on.isBefore(notBefore)) {
            throw ProblemException.invalid(field, "not-before-opening", field + " must not be before " + notBefore);
        }
        return on;
    }

    private String nextLedgerNumber(String district, int year) {
        Number next = (Number) em.createNativeQuery("""
                INSERT INTO ledger_sequence (district_code, year, last_number) VALUES (?1, ?2, 1)
                ON CONFLICT (district_code, year) DO UPDATE SET last_number = ledger_sequence.last_number + 1
                RETURNING last_number""").setParameter(1, district).setParameter(2, year).getSingleResult();
        return "%s-%d-%05d".formatted(district, year, next.intValue());
    }

    private Household lockedHousehold(UUID id) {
        Household household = em.find(Household.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (household == null) {
            throw ProblemException.notFound("household", id);
        }
        scope.require(household.districtCode, "household", id);
        return household;
    }

    /** What the audit trail keeps of an identification before and after a step. */
    private static Map<String, Object> state(Identification i) {
        Map<String, Object> state = new java.util.LinkedHashMap<>();
        state.put("stage", i.stage.name());
        state.put("postingStartsOn", i.postingStartsOn);
        state.put("postingEndsOn", i.postingEndsOn);
        state.put("openObjections", i.openObjections());
        state.put("ledgerNumber", i.ledgerNumber);
        return state;
    }

    /** A step's own rule, checked once the procedure allowed it (may refuse with a problem). */
    @FunctionalInterface
    private interface StepCheck {
        void apply(Identification identification, LocalDate on);
    }
}
