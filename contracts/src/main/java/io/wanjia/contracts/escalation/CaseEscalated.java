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
 */
public record CaseEscalated(UUID caseId, UUID householdId, String districtCode, int step, String level, int day,
        String recipientRole, String area, Instant dueAt, String identificationStage) {

    /** A step of the ladder. */
    public CaseEscalated(UUID caseId, UUID householdId, String districtCode, int step, String level, int day, String recipientRole,
            String area, Instant dueAt) {
        this(caseId, householdId, districtCode, step, level, day, recipientRole, area, dueAt, null);
    }
}
