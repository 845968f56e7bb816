package io.wanjia.deadline.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

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

    private static final String INSERT_CASES = """
            INSERT INTO assistance_case (id, household_id, district_code, cohort, target, member_id, since, clock_from, last_day,
                deadline_at, policy_id, status, outcome, closed_on, opened_at, current_level, identification_stage, closing_event)
            SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::date[], ?::date[], ?::date[],
                ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::date[], ?::timestamptz[], ?::text[], ?::text[], ?::text[])""";

    private static final String INSERT_STEPS = """
            INSERT INTO case_step (case_id, seq, breach, repeat, level, day, recipient_role, area, due_at, identification_stage, state)
            SELECT * FROM unnest(?::uuid[], ?::int[], ?::boolean[], ?::int[], ?::text[], ?::int[], ?::text[], ?::text[],
                ?::timestamptz[], ?::text[], ?::text[])""";

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
        List<AssistanceCase> cases = held.caseOrder;
        if (!cases.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_CASES)) {
                int i = 1;
                insert.setArray(i++, array(connection, "uuid", cases, c -> c.id));
                insert.setArray(i++, array(connection, "uuid", cases, c -> c.householdId));
                insert.setArray(i++, array(connection, "text", cases, c -> c.districtCode));
                insert.setArray(i++, array(connection, "text", cases, c -> c.cohort));
                insert.setArray(i++, array(connection, "text", cases, c -> c.target.name()));
                insert.setArray(i++, array(connection, "uuid", cases, c -> c.memberId));
                insert.setArray(i++, array(connection, "date", cases, c -> text(c.since)));
                insert.setArray(i++, array(connection, "date", cases, c -> text(c.clockFrom)));
                insert.setArray(i++, array(connection, "date", cases, c -> text(c.lastDay)));
                insert.setArray(i++, array(connection, "timestamptz", cases, c -> text(c.deadlineAt)));
                insert.setArray(i++, array(connection, "text", cases, c -> c.policyId));
                insert.setArray(i++, array(connection, "text", cases, c -> c.status.name()));
                insert.setArray(i++, array(connection, "text", cases, c -> c.outcome == null ? null : c.outcome.name()));
                insert.setArray(i++, array(connection, "date", cases, c -> text(c.closedOn)));
                insert.setArray(i++, array(connection, "timestamptz", cases, c -> text(c.openedAt)));
                insert.setArray(i++, array(connection, "text", cases, c -> c.currentLevel == null ? null : c.currentLevel.name()));
                insert.setArray(i++, array(connection, "text", cases, c -> c.identificationStage));
                insert.setArray(i, array(connection, "text", cases, c -> c.closingEvent));
                insert.executeUpdate();
            }
        }
        List<CaseStep> steps = held.stepOrder;
        if (!steps.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_STEPS)) {
                int i = 1;
                insert.setArray(i++, array(connection, "uuid", steps, s -> s.caseId));
                insert.setArray(i++, array(connection, "int4", steps, s -> s.seq));
                insert.setArray(i++, array(connection, "bool", steps, s -> s.breach));
                insert.setArray(i++, array(connection, "int4", steps, s -> s.repeat));
                insert.setArray(i++, array(connection, "text", steps, s -> s.level.name()));
                insert.setArray(i++, array(connection, "int4", steps, s -> s.day));
                insert.setArray(i++, array(connection, "text", steps, s -> s.recipientRole));
                insert.setArray(i++, array(connection, "text", steps, s -> s.area));
                insert.setArray(i++, array(connection, "timestamptz", steps, s -> text(s.dueAt)));
                insert.setArray(i++, array(connection, "text", steps, s -> s.identificationStage));
                insert.setArray(i, array(connection, "text", steps, s -> s.state.name()));
                insert.executeUpdate();
            }
        }
        transactions.putResource(KEY, new Held());
    }

    private static <T> java.sql.Array array(Connection connection, String type, List<T> rows, Function<T, Object> column) throws SQLException {
        Object[] values = new Object[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        return connection.createArrayOf(type, values);
    }

    /** Dates and instants travel as ISO text (PostgreSQL reads both), whatever time zone the JVM or the session has. */
    private static String text(Object value) {
        return Objects.toString(value, null);
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
