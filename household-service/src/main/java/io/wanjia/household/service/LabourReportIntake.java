package io.wanjia.household.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.inbox.EventInbox;

/** Takes a labour report that came by HTTP through the same idempotent inbox as the Kafka consumer. */
@ApplicationScoped
public class LabourReportIntake {

    @Inject
    EventInbox inbox;
    @Inject
    LabourReports reports;

    /** APPLIED, UNMATCHED, or DUPLICATE when this {@code ce_id} was processed before (by either door). */
    @Transactional
    public String receive(CloudEvent event) {
        LabourReports.Outcome[] outcome = new LabourReports.Outcome[1];
        boolean applied = inbox.apply(LabourReports.CONSUMER, event, e -> outcome[0] = reports.apply(e));
        return applied ? outcome[0].name() : "DUPLICATE";
    }
}
