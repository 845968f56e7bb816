package io.wanjia.household.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.wanjia.commons.inbox.EventInbox;
import io.wanjia.household.service.HouseholdTransfers;

/** Consumes the city's {@code household.transfers.v1} (every district's transfers; this one acts on its own) through the inbox. */
@ApplicationScoped
public class TransferConsumer {

    @Inject
    EventInbox inbox;
    @Inject
    HouseholdTransfers transfers;

    @Incoming("household-transfers")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        inbox.process(HouseholdTransfers.CONSUMER, records, transfers::apply);
    }
}
