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

    /**
     * ACCEPTED, or DUPLICATE when this {@code ce_id} was processed before (by either door). Whether the person is
     * registered (and in the publisher's area) is not said: a publisher must not learn who is on the register.
     */
    @Transactional
    public String receive(CloudEvent event) {
        return inbox.apply(LabourReports.CONSUMER, event, reports::apply) ? "ACCEPTED" : "DUPLICATE";
    }
}
