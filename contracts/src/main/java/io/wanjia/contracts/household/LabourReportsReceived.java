package io.wanjia.contracts.household;

import java.time.LocalDate;
import java.util.List;

/**
 * Labour reports household-service took in (by Kafka or HTTP, each {@code ce_id} once), counted by the area its
 * publisher reports for, kind and business date: how reporting counts them without ever reading the reports, which
 * carry national IDs. One event per transaction that took reports (a polled batch, or one report over HTTP).
 */
public record LabourReportsReceived(List<Count> counts) {

    /** {@code reports} reports of {@code kind} dated {@code occurredOn}, from publishers reporting for {@code districtCode}. */
    public record Count(String districtCode, Kind kind, LocalDate occurredOn, int reports) {
    }

    /** Out of work or in work. */
    public enum Kind {
        UNEMPLOYMENT, EMPLOYMENT
    }
}
