package io.wanjia.household.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.wanjia.commons.inbox.EventInbox;
import io.wanjia.household.service.PlacementEffects;

/** Consumes {@code placement.events.v1} in batches through the idempotent inbox. */
@ApplicationScoped
public class PlacementEventConsumer {

    @Inject
    EventInbox inbox;
    @Inject
    PlacementEffects effects;

    @Incoming("placement-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        inbox.process(PlacementEffects.CONSUMER, records, effects::apply);
    }
}
