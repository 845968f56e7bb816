package io.wanjia.contracts.escalation;

import java.time.Instant;
import java.util.UUID;

/**
 * A step of the escalation ladder fired for a case, or a missed sub-deadline of the household's identification (认定).
 *
 * @param level         COMMUNITY, STREET, DISTRICT or CITY
 * @param day           the case day the step belongs to (day 1 = the day the household became zero-employment)
 * @param recipientRole who is alerted
 * @param area          the division-code prefix of the recipients (the level's area around the district)
 * @param identificationStage the identification step (VERIFY, REVIEW, POSTING, CONFIRM) whose sub-deadline was missed;
 *                      null for a step of the ladder
 * @param target        null for the household's promise; DOUBLE_EMPLOYMENT or UNSTABLE_TO_STABLE for a second-stage target,
 *                      GRADUATE for a graduate's member-level target
 */
public record CaseEscalated(UUID caseId, UUID householdId, String districtCode, int step, String level, int day,
        String recipientRole, String area, Instant dueAt, String identificationStage, String target) {

    /** A step of the ladder. */
    public CaseEscalated(UUID caseId, UUID householdId, String districtCode, int step, String level, int day, String recipientRole,
            String area, Instant dueAt) {
        this(caseId, householdId, districtCode, step, level, day, recipientRole, area, dueAt, null, null);
    }

    /** A step of the ladder or a missed sub-deadline, of the household's promise. */
    public CaseEscalated(UUID caseId, UUID householdId, String districtCode, int step, String level, int day, String recipientRole,
            String area, Instant dueAt, String identificationStage) {
        this(caseId, householdId, districtCode, step, level, day, recipientRole, area, dueAt, identificationStage, null);
    }
}
