package io.wanjia.placement.messaging;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.annotation.Blocking;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.inbox.EventInbox;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.household.ZeroEmploymentEnded;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.placement.service.Matching;

/** Keeps the candidates read model from {@code household.events.v1}, a polled batch at a time, through the idempotent inbox. */
@ApplicationScoped
public class HouseholdEventConsumer {

    static final String CONSUMER = "household-events";
    /** Candidates change only when a household's zero-employment starts or ends; the inbox passes over the rest. */
    private static final Set<EventType> HANDLED = EnumSet.of(EventType.ZERO_EMPLOYMENT_STARTED, EventType.ZERO_EMPLOYMENT_ENDED);

    @Inject
    EventInbox inbox;
    @Inject
    Matching matching;
    @Inject
    ObjectMapper json;

    @Incoming("household-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        inbox.process(CONSUMER, HANDLED, records, this::applyAll, event -> applyAll(List.of(event)));
    }

    private void applyAll(List<CloudEvent> events) throws Exception {
        List<Record> changes = new ArrayList<>();
        for (CloudEvent event : events) {
            EventType type = EventType.ofType(event.type()).orElse(null);
            if (type == EventType.ZERO_EMPLOYMENT_STARTED) {
                changes.add(json.treeToValue(event.data(), ZeroEmploymentStarted.class));
            } else if (type == EventType.ZERO_EMPLOYMENT_ENDED) {
                changes.add(json.treeToValue(event.data(), ZeroEmploymentEnded.class));
            }
        }
        matching.startedAndEnded(changes);
    }
}
