package io.wanjia.deadline.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.wanjia.commons.tx.Unnest;
import io.wanjia.commons.tx.Unnest.Column;
import io.wanjia.commons.tx.WriteBehind;
import io.wanjia.deadline.AssistanceCase;
import io.wanjia.deadline.CaseStep;

/**
 * The cases and steps a transaction creates, inserted set-based — one statement for all its new cases, one for all its
 * new steps — instead of one by one through Hibernate's persisters, whose flush was the largest part of
 * deadline-monitor's work per report (bench/README.md, session 19). Until it is written a new case is a plain object, not
 * an entity: what the rest of its batch does to it (its identification's stage, a sub-deadline scheduled or met, a close)
 * goes into its one insert, and no update follows. A new step has no id until it is written (the column's default gives
 * it one).
 *
 * <p>They are written at commit, after Hibernate's flush and before the transaction's other batched writes (timeline
 * entries refer to them: {@link WriteBehind#first}), or earlier by {@link #write()}, which a method calls
 * before a query that must see them — never while it still holds new cases to change.
 */
@ApplicationScoped
class NewCases {

    private static final Object KEY = NewCases.class;

    /** Every column a new case is written with ({@code version} takes its default, 0). */
    private static final List<Column<AssistanceCase>> CASE_COLUMNS = List.of(
            new Column<>("id", "uuid", c -> c.id),
            new Column<>("household_id", "uuid", c -> c.householdId),
            new Column<>("district_code", "text", c -> c.districtCode),
            new Column<>("cohort", "text", c -> c.cohort),
            new Column<>("target", "text", c -> c.target),
            new Column<>("member_id", "uuid", c -> c.memberId),
            new Column<>("since", "date", c -> c.since),
            new Column<>("clock_from", "date", c -> c.clockFrom),
            new Column<>("last_day", "date", c -> c.lastDay),
            new Column<>("deadline_at", "timestamptz", c -> c.deadlineAt),
            new Column<>("policy_id", "text", c -> c.policyId),
            new Column<>("status", "text", c -> c.status),
            new Column<>("outcome", "text", c -> c.outcome),
            new Column<>("closed_on", "date", c -> c.closedOn),
            new Column<>("opened_at", "timestamptz", c -> c.openedAt),
            new Column<>("current_level", "text", c -> c.currentLevel),
            new Column<>("identification_stage", "text", c -> c.identificationStage),
            new Column<>("closing_event", "text", c -> c.closingEvent));

    /** Every column a new step is written with ({@code id} takes its default, the firing and acknowledgement none). */
    private static final List<Column<CaseStep>> STEP_COLUMNS = List.of(
            new Column<>("case_id", "uuid", s -> s.caseId),
            new Column<>("seq", "int", s -> s.seq),
            new Column<>("breach", "boolean", s -> s.breach),
            new Column<>("repeat", "int", s -> s.repeat),
            new Column<>("level", "text", s -> s.level),
            new Column<>("day", "int", s -> s.day),
            new Column<>("recipient_role", "text", s -> s.recipientRole),
            new Column<>("area", "text", s -> s.area),
            new Column<>("due_at", "timestamptz", s -> s.dueAt),
            new Column<>("identification_stage", "text", s -> s.identificationStage),
            new Column<>("state", "text", s -> s.state));

    private static final String INSERT_CASES = Unnest.insert("assistance_case", CASE_COLUMNS);
    private static final String INSERT_STEPS = Unnest.insert("case_step", STEP_COLUMNS);

    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    WriteBehind writes;
    @Inject
    DataSource dataSource;

    /** A transaction's new cases (by household) and new steps (by case), in the order they were added. */
    private static final class Held {
        final Set<AssistanceCase> cases = Collections.newSetFromMap(new IdentityHashMap<>());
        final Map<UUID, List<AssistanceCase>> byHousehold = new HashMap<>();
        final Map<UUID, List<CaseStep>> steps = new HashMap<>();
        final List<AssistanceCase> caseOrder = new ArrayList<>();
        final List<CaseStep> stepOrder = new ArrayList<>();

        boolean isEmpty() {
            return caseOrder.isEmpty() && stepOrder.isEmpty();
        }
    }

    /** A case opened in this transaction, to be inserted as it stands at commit. */
    void add(AssistanceCase c) {
        Held held = held();
        held.cases.add(c);
        held.caseOrder.add(c);
        held.byHousehold.computeIfAbsent(c.householdId, h -> new ArrayList<>()).add(c);
    }

    /** A step scheduled in this transaction (of a new case or a stored one), to be inserted as it stands at commit. */
    void add(CaseStep step) {
        Held held = held();
        held.stepOrder.add(step);
        held.steps.computeIfAbsent(step.caseId, id -> new ArrayList<>()).add(step);
    }

    /** Whether {@code c} was opened in this transaction and is not written yet. */
    boolean isNew(AssistanceCase c) {
        Held held = existing();
        return held != null && held.cases.contains(c);
    }

    /** The household's cases opened in this transaction and not written yet, in the order they opened. */
    List<AssistanceCase> of(UUID householdId) {
        Held held = existing();
        return held == null ? List.of() : held.byHousehold.getOrDefault(householdId, List.of());
    }

    /** The steps of case {@code caseId} scheduled in this transaction and not written yet, in the order they were. */
    List<CaseStep> stepsOf(UUID caseId) {
        Held held = existing();
        return held == null ? List.of() : held.steps.getOrDefault(caseId, List.of());
    }

    /** Cancels the case's steps scheduled in this transaction that are still pending (nobody else has seen them). */
    void cancelPending(UUID caseId) {
        for (CaseStep step : stepsOf(caseId)) {
            if (step.state == CaseStep.State.PENDING) {
                step.state = CaseStep.State.CANCELLED;
            }
        }
    }

    /** Writes the transaction's new cases and steps now, for a query that must see them. */
    void write() {
        Held held = existing();
        if (held == null || held.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            write(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the transaction's new cases", e);
        }
    }

    private void write(Connection connection) throws SQLException {
        Held held = existing();
        if (held == null || held.isEmpty()) {
            return;
        }
        Unnest.execute(connection, INSERT_CASES, CASE_COLUMNS, held.caseOrder);
        Unnest.execute(connection, INSERT_STEPS, STEP_COLUMNS, held.stepOrder);
        transactions.putResource(KEY, new Held());
    }

    private Held existing() {
        return (Held) transactions.getResource(KEY);
    }

    private Held held() {
        Held held = existing();
        if (held == null) {
            held = new Held();
            transactions.putResource(KEY, held);
            writes.first(KEY, this::write);
        }
        return held;
    }
}
