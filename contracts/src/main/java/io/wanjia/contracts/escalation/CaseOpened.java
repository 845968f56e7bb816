package io.wanjia.contracts.escalation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An assistance case opened for a zero-employment household, with the deadline its policy gives.
 *
 * @param since     the business date the household became zero-employment: day 1 of the episode
 * @param deadline  the end of the promise's last day; null while the clock waits for the identification's
 *                  confirmation (a policy whose clock starts at confirmation): {@link CaseClockStarted} gives it then
 * @param clockFrom day 1 of the promise: {@code since}, or null while the clock waits for confirmation
 * @param target    null for the household's promise; DOUBLE_EMPLOYMENT (a second counted member in stable work) or
 *                  UNSTABLE_TO_STABLE (a placed member's unstable work made stable, {@code memberId}) for a second-stage
 *                  target (issue #17), whose {@code since} is the day it began; GRADUATE for a graduate of a household in
 *                  difficulty (a member-level target, {@code memberId}), whose {@code since} is the day the need was registered
 * @param memberId  the member an UNSTABLE_TO_STABLE or GRADUATE case is about; else null
 */
public record CaseOpened(UUID caseId, UUID householdId, String districtCode, LocalDate since, Instant deadline,
        int lengthDays, String dayKind, String cohort, LocalDate clockFrom, String target, UUID memberId) {

    /** A case of the household's promise. */
    public CaseOpened(UUID caseId, UUID householdId, String districtCode, LocalDate since, Instant deadline, int lengthDays,
            String dayKind, String cohort, LocalDate clockFrom) {
        this(caseId, householdId, districtCode, since, deadline, lengthDays, dayKind, cohort, clockFrom, null, null);
    }
}
