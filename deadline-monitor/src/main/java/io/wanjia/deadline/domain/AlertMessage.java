package io.wanjia.deadline.domain;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What an alert says to people, whatever carries it: the level, the district, which household (a short reference,
 * never a national ID or a name — a chat group or a mailbox is read by more people than the case's staff), the day and
 * how many days are left, and where the case is in the console.
 *
 * @param districtName        the district's name (和平区), or its code where the shipped list has none
 * @param householdRef        the first 8 characters of the household's id (enough to tell households apart in a chat)
 * @param day                 the case day the alert belongs to
 * @param daysLeft            calendar days from that day to the last day (negative: overdue); null while the clock has
 *                            not started (a policy whose clock starts at the identification's confirmation)
 * @param target              the promise: HOUSEHOLD, GRADUATE, DOUBLE_EMPLOYMENT or UNSTABLE_TO_STABLE
 * @param identificationStage the identification step whose sub-deadline was missed; null for a step of the ladder
 */
public record AlertMessage(Level level, String districtCode, String districtName, String householdRef, int day, Long daysLeft,
        LocalDate lastDay, boolean breach, Target target, String identificationStage, String caseLink) {

    /** The short reference of a household shown in alerts. */
    public static String householdRef(UUID household) {
        return household.toString().substring(0, 8);
    }

    /** The console's address of a case under {@code consoleUrl}. */
    public static String caseLink(String consoleUrl, UUID caseId) {
        String base = consoleUrl.endsWith("/") ? consoleUrl.substring(0, consoleUrl.length() - 1) : consoleUrl;
        return base + "/#/cases/" + caseId;
    }
}
