package io.wanjia.contracts.labour;

import java.time.LocalDate;

/**
 * Another government system reports a person out of work. The only event that carries a national ID; it
 * is consumed by household-service alone, which never passes the number on.
 *
 * @param occurredOn the business date the person became unemployed (may lie in the past)
 * @param sourceRef  the reporting system's own reference, for tracing back
 */
public record UnemploymentReported(String nationalId, String districtCode, LocalDate occurredOn, String reason,
        String sourceRef) {
}
