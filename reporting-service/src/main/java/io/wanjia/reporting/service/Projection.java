package io.wanjia.reporting.service;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.tx.Unnest;
import io.wanjia.commons.tx.Unnest.Column;
import io.wanjia.commons.tx.WriteBehind;
import io.wanjia.contracts.EventType;

/**
 * Turns events into facts of one generation of the read model. Every write is an idempotent upsert keyed by
 * what the event is about, and each fact only moves forward (an older status never overwrites a newer one),
 * so applying an event twice, or replaying the topics from the beginning, gives the same facts.
 */
@ApplicationScoped
public class Projection {

    /**
     * The types {@link #apply} writes something for; the inbox neither records nor hands on the others (an identification
     * opened, an offer made: nothing here counts them). A type the switch below learns goes here too, or its events never
     * reach it.
     */
    public static final Set<EventType> APPLIED = Collections.unmodifiableSet(EnumSet.of(EventType.HOUSEHOLD_REGISTERED,
            EventType.MEMBER_CHANGED, EventType.ZERO_EMPLOYMENT_STARTED, EventType.ZERO_EMPLOYMENT_ENDED, EventType.LABOUR_REPORTS_RECEIVED,
            EventType.IDENTIFICATION_CONFIRMED, EventType.MEMBER_PLACED, EventType.PLACEMENT_ENDED, EventType.TRAINING_REFERRED,
            EventType.TRAINING_COMPLETED, EventType.CASE_OPENED, EventType.CASE_CLOCK_STARTED, EventType.CASE_ESCALATED,
            EventType.DEADLINE_BREACHED, EventType.CASE_CLOSED));

    /** Under which a transaction collects its members' statuses. */
    private static final Object MEMBER_STATUSES = new Object();
    /** Under which a transaction defers its counters. */
    private static final Object COUNTERS_DEFERRED = new Object();

    @Inject
    WriteBehind writes;
    @Inject
    Clock clock;

    /**
     * Lets the counters' triggers pass over the facts this transaction writes ({@code V13}: {@code wanjia.counters} set to
     * {@code deferred} for the transaction) — for a rebuild, which counts its generation from its facts at once
     * ({@code recount}) before anything reads it. Set on the connection the writes go through at commit, before them.
     */
    public void deferCounters() {
        writes.first(COUNTERS_DEFERRED, connection -> {
            try (PreparedStatement defer = connection.prepareStatement("SELECT set_config('wanjia.counters', 'deferred', true)")) {
                defer.execute();
            }
        });
    }

    /**
     * Applies {@code event}, which keeps the contract ({@link io.wanjia.commons.cloudevents.EventContract}), to
     * {@code generation} in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(int generation, CloudEvent event) {
        EventType type = EventType.ofType(event.type()).orElseThrow();
        JsonNode d = event.data();
        if (type.topic().equals(EventType.CASE_OPENED.topic()) && d.hasNonNull("target")) {
            target(generation, type, d); // a graduate's or a second-stage target's case: not one of the promise's cases
            return;
        }
        switch (type) {
            case HOUSEHOLD_REGISTERED -> d.get("members").forEach(m -> memberStatus(generation, uuid(m, "memberId"),
                    uuid(d, "householdId"), text(d, "districtCode"), inStableWork(m), date(d, "registeredOn")));
            case MEMBER_CHANGED -> {
                JsonNode m = d.get("member");
                boolean employed = !"REMOVED".equals(text(d, "change")) && inStableWork(m);
                memberStatus(generation, uuid(m, "memberId"), uuid(d, "householdId"), text(d, "districtCode"), employed,
                        date(d, "effectiveOn"));
            }
            // A household that moved here from another district (issue #18) arrived on the day its event was published.
            case ZERO_EMPLOYMENT_STARTED -> write("episode", """
                    INSERT INTO episode (generation, household_id, since, district_code, cohort, transferred_from, transferred_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", generation, uuid(d, "householdId"), date(d, "since"),
                    text(d, "districtCode"), text(d, "cohort"), text(d, "transferredFrom"),
                    !d.hasNonNull("transferredFrom") ? null
                            : event.time() == null ? date(d, "since") : event.time().atZone(clock.getZone()).toLocalDate());
            case ZERO_EMPLOYMENT_ENDED -> write("episode", """
                    UPDATE episode SET ended_on = ?, end_reason = ?
                    WHERE generation = ? AND household_id = ? AND ended_on IS NULL AND since <= ?""",
                    date(d, "on"), text(d, "reason"), generation, uuid(d, "householdId"), date(d, "on"));
            case MEMBER_PLACED -> write("placement_fact", """
                    INSERT INTO placement_fact (generation, placement_id, household_id, member_id, district_code, kind, start_date,
                    social_insurance, monthly_subsidy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", generation,
                    uuid(d, "placementId"), uuid(d, "householdId"), uuid(d, "memberId"), text(d, "districtCode"), text(d, "kind"),
                    date(d, "startDate"), d.path("socialInsurancePaid").asBoolean(), monthlySubsidy(d));
            case PLACEMENT_ENDED -> write("placement_fact", """
                    UPDATE placement_fact SET ended_on = ? WHERE generation = ? AND placement_id = ? AND ended_on IS NULL""",
                    date(d, "endedOn"), generation, uuid(d, "placementId"));
            case TRAINING_REFERRED -> write("training_fact", """
                    INSERT INTO training_fact (generation, referral_id, district_code, referred_on) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""", generation, uuid(d, "referralId"), text(d, "districtCode"), date(d, "referredOn"));
            case TRAINING_COMPLETED -> write("training_fact", """
                    UPDATE training_fact SET outcome = ?, ended_on = ? WHERE generation = ? AND referral_id = ? AND outcome IS NULL""",
                    text(d, "outcome"), date(d, "endedOn"), generation, uuid(d, "referralId"));
            case IDENTIFICATION_CONFIRMED -> write("identification_fact", """
                    INSERT INTO identification_fact (generation, identification_id, household_id, district_code, confirmed_on)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", generation, uuid(d, "identificationId"), uuid(d, "householdId"),
                    text(d, "districtCode"), date(d, "confirmedOn"));
            // A case's figures count from its clock: the episode's first day, a relocated household's move-back date, or the
            // identification's confirmation under a policy that starts it there (the case opens without a deadline, and the
            // clock-started event gives both).
            case CASE_OPENED -> write("case_fact", """
                    INSERT INTO case_fact (generation, case_id, household_id, district_code, since, clock_from, last_day, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN') ON CONFLICT DO NOTHING""", generation, uuid(d, "caseId"),
                    uuid(d, "householdId"), text(d, "districtCode"), date(d, "since"),
                    d.has("clockFrom") ? (d.hasNonNull("clockFrom") ? date(d, "clockFrom") : null) : date(d, "since"), lastDay(d));
            case CASE_CLOCK_STARTED -> write("case_fact", """
                    UPDATE case_fact SET clock_from = ?, last_day = ? WHERE generation = ? AND case_id = ? AND last_day IS NULL""",
                    date(d, "clockFrom"), lastDay(d), generation, uuid(d, "caseId"));
            case CASE_ESCALATED, DEADLINE_BREACHED -> {
                if (d.hasNonNull("identificationStage")) {
                    return; // a missed sub-deadline of the identification: not a step of the 20-day ladder the figures count
                }
                write("escalation_fact", """
                        INSERT INTO escalation_fact (generation, event_id, case_id, district_code, level, day, breach, due_on)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", generation, event.id(),
                        uuid(d, "caseId"), text(d, "districtCode"), text(d, "level"), d.get("day").asInt(),
                        type == EventType.DEADLINE_BREACHED, Instant.parse(text(d, "dueAt")).atZone(clock.getZone()).toLocalDate());
                write("case_fact", """
                        UPDATE case_fact SET current_level = ? WHERE generation = ? AND case_id = ? AND (current_level IS NULL
                        OR array_position(ARRAY['COMMUNITY','STREET','DISTRICT','CITY'], current_level)
                         < array_position(ARRAY['COMMUNITY','STREET','DISTRICT','CITY'], CAST(? AS text)))""",
                        text(d, "level"), generation, uuid(d, "caseId"), text(d, "level"));
            }
            case CASE_CLOSED -> write("case_fact", """
                    UPDATE case_fact SET status = 'CLOSED', outcome = ?, closed_on = ?, days = ?, channel = ?
                    WHERE generation = ? AND case_id = ?""", text(d, "outcome"), date(d, "closedOn"), d.get("days").asInt(),
                    text(d, "channel"), generation, uuid(d, "caseId"));
            case LABOUR_REPORTS_RECEIVED -> {
                for (int i = 0; i < d.get("counts").size(); i++) {
                    JsonNode count = d.get("counts").get(i);
                    write("report_fact", """
                            INSERT INTO report_fact (generation, event_id, district_code, type, occurred_on, reports)
                            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", generation, event.id() + "#" + i,
                            text(count, "districtCode"), text(count, "kind"), date(count, "occurredOn"), count.get("reports").asInt());
                }
            }
            default -> {
            }
        }
    }

    /**
     * A target case's fact: a graduate's member-level case or a second-stage target (双就业, unstable → stable), counted by
     * target apart from the household's promise. Only its opening and closing count; its escalations do not.
     */
    private void target(int generation, EventType type, JsonNode d) {
        switch (type) {
            case CASE_OPENED -> write("target_case_fact", """
                    INSERT INTO target_case_fact (generation, case_id, target, district_code, since) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""", generation, uuid(d, "caseId"), text(d, "target"), text(d, "districtCode"), date(d, "since"));
            case CASE_CLOSED -> write("target_case_fact", """
                    UPDATE target_case_fact SET outcome = ?, closed_on = ? WHERE generation = ? AND case_id = ? AND closed_on IS NULL""",
                    text(d, "outcome"), date(d, "closedOn"), generation, uuid(d, "caseId"));
            default -> {
            }
        }
    }

    /** What a public-welfare post costs a month: its post and social-insurance subsidies (null when neither was recorded). */
    private static BigDecimal monthlySubsidy(JsonNode placed) {
        if (!placed.hasNonNull("monthlyPostSubsidy") && !placed.hasNonNull("monthlySocialInsuranceSubsidy")) {
            return null;
        }
        return placed.path("monthlyPostSubsidy").decimalValue().add(placed.path("monthlySocialInsuranceSubsidy").decimalValue());
    }

    /** Whether a member (a {@code MemberSummary}) counts toward 双就业: counted by the rule and in stable work. */
    private static boolean inStableWork(JsonNode member) {
        return "EMPLOYED_STABLE".equals(member.path("employmentStatus").asText()) && member.path("counted").asBoolean();
    }

    /**
     * A member's latest status: {@code employed} is whether they count toward 双就业. The transaction's statuses are
     * written at its commit in one statement ({@link #writeStatuses}); of a member's several in one transaction, the one
     * that one write at a time would leave is kept: the latest of those with the latest date (a write applies only if its
     * date is not before the stored one). A new row takes its household and district from that write too (one at a time,
     * from the first; a member's events in one transaction name one household and district).
     */
    private void memberStatus(int generation, UUID member, UUID household, String district, boolean employed, LocalDate on) {
        writes.collect(MEMBER_STATUSES, LinkedHashMap<MemberKey, MemberStatus>::new, Projection::writeStatuses).merge(
                new MemberKey(generation, member), new MemberStatus(household, district, employed, on),
                (earlier, later) -> later.on().isBefore(earlier.on()) ? earlier : later);
    }

    private record MemberKey(int generation, UUID member) {
    }

    private record MemberStatus(UUID household, String district, boolean employed, LocalDate on) {
    }

    /** A member status row, from its key and its value. */
    private static final List<Column<Map.Entry<MemberKey, MemberStatus>>> STATUS_COLUMNS = List.of(
            new Column<>("generation", "int", s -> s.getKey().generation()),
            new Column<>("member_id", "uuid", s -> s.getKey().member()),
            new Column<>("household_id", "uuid", s -> s.getValue().household()),
            new Column<>("district_code", "text", s -> s.getValue().district()),
            new Column<>("employed", "boolean", s -> s.getValue().employed()),
            new Column<>("effective_on", "date", s -> s.getValue().on()));

    private static final String UPSERT_STATUSES = Unnest.insert("member_status", STATUS_COLUMNS) + """
             ON CONFLICT (generation, member_id) DO UPDATE SET employed = EXCLUDED.employed, effective_on = EXCLUDED.effective_on
            WHERE member_status.effective_on <= EXCLUDED.effective_on""";

    /**
     * The statuses as one upsert: a ledger import's registrations were one statement per member, each with its row
     * trigger, the largest statement of the import in {@code pg_stat_statements} (session 20). The row trigger
     * ({@code member_status_tally}) still fires per row.
     */
    private static void writeStatuses(Connection connection, Map<MemberKey, MemberStatus> statuses) throws SQLException {
        Unnest.execute(connection, UPSERT_STATUSES, STATUS_COLUMNS, List.copyOf(statuses.entrySet()));
    }

    /**
     * Queues one write of {@code table} to run at commit with the transaction's other writes, in JDBC batches
     * ({@link WriteBehind}): the writes of one table keep their order; different tables never depend on each other.
     */
    private void write(String table, String sql, Object... parameters) {
        writes.addInOrder(table, sql, parameters);
    }

    private static UUID uuid(JsonNode node, String field) {
        return UUID.fromString(node.get(field).asText());
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static LocalDate date(JsonNode node, String field) {
        return LocalDate.parse(node.get(field).asText());
    }

    /** A case's last day: the day before its deadline (the end of the last day), null while the clock waits. */
    private LocalDate lastDay(JsonNode node) {
        return node.hasNonNull("deadline") ? Instant.parse(node.get("deadline").asText()).atZone(clock.getZone()).toLocalDate().minusDays(1) : null;
    }
}
