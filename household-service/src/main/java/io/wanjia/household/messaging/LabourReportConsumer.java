package io.wanjia.household.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.wanjia.commons.inbox.EventInbox;
import io.wanjia.household.service.LabourReports;

/** Consumes {@code labour.status-reports.v1} a polled batch at a time (set-based), through the idempotent inbox. */
@ApplicationScoped
public class LabourReportConsumer {

    @Inject
    EventInbox inbox;
    @Inject
    LabourReports reports;

    @Incoming("labour-reports")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        inbox.process(LabourReports.CONSUMER, records, reports::applyAll, reports::apply);
    }
}
