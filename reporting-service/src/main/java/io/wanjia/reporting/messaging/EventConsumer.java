package io.wanjia.reporting.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.wanjia.commons.inbox.EventInbox;
import io.wanjia.reporting.service.Projection;
import io.wanjia.reporting.service.ReadModel;

/** Consumes the household, placement and escalation topics in batches into the active generation of the read model. */
@ApplicationScoped
public class EventConsumer {

    static final String CONSUMER = "read-model";

    @Inject
    EventInbox inbox;
    @Inject
    Projection projection;
    @Inject
    ReadModel readModel;

    @Incoming("all-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        inbox.process(CONSUMER, Projection.APPLIED, records, event -> projection.apply(readModel.activeForWriting(), event));
    }
}
