package io.wanjia.deadline.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.inbox.EventInbox;
import io.wanjia.contracts.EventType;
import io.wanjia.deadline.service.CaseLifecycle;

/** Puts offers, refusals and placements on the open case's timeline. */
@ApplicationScoped
public class PlacementEventConsumer {

    static final String CONSUMER = "placement-events";

    @Inject
    EventInbox inbox;
    @Inject
    CaseLifecycle cases;

    @Incoming("placement-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        inbox.process(CONSUMER, records, this::apply);
    }

    private void apply(CloudEvent event) {
        EventType type = EventType.ofType(event.type()).orElseThrow(); // the inbox checked it against the contract
        cases.note(UUID.fromString(event.data().get("householdId").asText()), event.id(), type.name(), event.data());
    }
}
