package io.wanjia.reporting.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.cloudevents.EventSchemas;
import io.wanjia.commons.inbox.RejectedEventException;
import io.wanjia.contracts.EventType;

/**
 * Turns events into facts of one generation of the read model. Every write is an idempotent upsert keyed by
 * what the event is about, and each fact only moves forward (an older status never overwrites a newer one),
 * so applying an event twice, or replaying the topics from the beginning, gives the same facts.
 */
@ApplicationScoped
public class Projection {

    @Inject
    EntityManager em;
    @Inject
    EventSchemas schemas;
    @Inject
    Clock clock;

    /** Whether {@code event} can be applied: a catalogue type whose data keeps its schema. */
    public boolean accepts(CloudEvent event) {
        try {
            validate(event);
            return true;
        } catch (RejectedEventException e) {
            return false;
        }
    }

    /** Throws {@link RejectedEventException} for data that breaks its schema; unknown types pass (they are skipped). */
    public void validate(CloudEvent event) {
        EventType.ofType(event.type()).ifPresent(type -> schemas.validate(type, event.data()));
    }

    /** Applies a {@linkplain #validate valid} {@code event} to {@code generation} in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(int generation, CloudEvent event) {
        EventType type = EventType.ofType(event.type()).orElse(null);
        if (type == null) {
            return; // a type added after this service was built: not a figure yet
        }
        JsonNode d = event.data();
        switch (type) {
            case HOUSEHOLD_REGISTERED -> d.get("members").forEach(m -> memberStatus(generation, uuid(m, "memberId"),
                    uuid(d, "householdId"), text(d, "districtCode"), m.get("employmentStatus").asText().startsWith("EMPLOYED"),
                    date(d, "registeredOn")));
            case MEMBER_CHANGED -> {
                JsonNode m = d.get("member");
                boolean employed = !"REMOVED".equals(text(d, "change")) && m.get("employmentStatus").asText().startsWith("EMPLOYED");
                memberStatus(generation, uuid(m, "memberId"), uuid(d, "householdId"), text(d, "districtCode"), employed,
                        date(d, "effectiveOn"));
            }
            case ZERO_EMPLOYMENT_STARTED -> update("""
                    INSERT INTO episode (generation, household_id, since, district_code, cohort) VALUES (?1, ?2, ?3, ?4, ?5)
                    ON CONFLICT DO NOTHING""", generation, uuid(d, "householdId"), date(d, "since"), text(d, "districtCode"),
                    text(d, "cohort"));
            case ZERO_EMPLOYMENT_ENDED -> update("""
                    UPDATE episode SET ended_on = ?3, end_reason = ?4
                    WHERE generation = ?1 AND household_id = ?2 AND ended_on IS NULL AND since <= ?3""",
                    generation, uuid(d, "householdId"), date(d, "on"), text(d, "reason"));
            case MEMBER_PLACED -> update("""
                    INSERT INTO placement_fact (generation, placement_id, household_id, member_id, district_code, kind, start_date)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING""", generation, uuid(d, "placementId"),
                    uuid(d, "householdId"), uuid(d, "memberId"), text(d, "districtCode"), text(d, "kind"), date(d, "startDate"));
            case PLACEMENT_ENDED -> update("UPDATE placement_fact SET ended_on = ?3 WHERE generation = ?1 AND placement_id = ?2",
                    generation, uuid(d, "placementId"), date(d, "endedOn"));
            case CASE_OPENED -> update("""
                    INSERT INTO case_fact (generation, case_id, household_id, district_code, since, last_day, status)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'OPEN') ON CONFLICT DO NOTHING""", generation, uuid(d, "caseId"),
                    uuid(d, "householdId"), text(d, "districtCode"), date(d, "since"),
                    Instant.parse(text(d, "deadline")).atZone(clock.getZone()).toLocalDate().minusDays(1));
            case CASE_ESCALATED, DEADLINE_BREACHED -> {
                update("""
                        INSERT INTO escalation_fact (generation, event_id, case_id, district_code, level, day, breach, due_on)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING""", generation, event.id(),
                        uuid(d, "caseId"), text(d, "districtCode"), text(d, "level"), d.get("day").asInt(),
                        type == EventType.DEADLINE_BREACHED, Instant.parse(text(d, "dueAt")).atZone(clock.getZone()).toLocalDate());
                update("""
                        UPDATE case_fact SET current_level = ?3 WHERE generation = ?1 AND case_id = ?2 AND (current_level IS NULL
                        OR array_position(ARRAY['COMMUNITY','STREET','DISTRICT','CITY'], current_level)
                         < array_position(ARRAY['COMMUNITY','STREET','DISTRICT','CITY'], ?3))""",
                        generation, uuid(d, "caseId"), text(d, "level"));
            }
            case CASE_CLOSED -> update("""
                    UPDATE case_fact SET status = 'CLOSED', outcome = ?3, closed_on = ?4, days = ?5
                    WHERE generation = ?1 AND case_id = ?2""", generation, uuid(d, "caseId"), text(d, "outcome"),
                    date(d, "closedOn"), d.get("days").asInt());
            case UNEMPLOYMENT_REPORTED, EMPLOYMENT_REPORTED -> update("""
                    INSERT INTO report_fact (generation, event_id, district_code, type, occurred_on) VALUES (?1, ?2, ?3, ?4, ?5)
                    ON CONFLICT DO NOTHING""", generation, event.id(), text(d, "districtCode"), type.name(), date(d, "occurredOn"));
            default -> {
            }
        }
    }

    private void memberStatus(int generation, UUID member, UUID household, String district, boolean employed, LocalDate on) {
        update("""
                INSERT INTO member_status (generation, member_id, household_id, district_code, employed, effective_on)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                ON CONFLICT (generation, member_id) DO UPDATE SET employed = EXCLUDED.employed, effective_on = EXCLUDED.effective_on
                WHERE member_status.effective_on <= EXCLUDED.effective_on""", generation, member, household, district, employed, on);
    }

    private void update(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        query.executeUpdate();
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
}
