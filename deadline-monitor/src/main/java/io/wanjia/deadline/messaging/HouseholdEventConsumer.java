package io.wanjia.deadline.messaging;

import java.util.ArrayList;
import java.util.List;

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
import io.wanjia.deadline.service.CaseLifecycle;

/** Opens and closes cases from {@code household.events.v1}, a polled batch at a time, through the idempotent inbox. */
@ApplicationScoped
public class HouseholdEventConsumer {

    static final String CONSUMER = "household-events";

    @Inject
    EventInbox inbox;
    @Inject
    CaseLifecycle cases;
    @Inject
    ObjectMapper json;

    @Incoming("household-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        inbox.process(CONSUMER, records, this::applyAll, this::apply);
    }

    private void applyAll(List<CloudEvent> events) throws Exception {
        List<CaseLifecycle.Change> changes = new ArrayList<>();
        for (CloudEvent event : events) {
            CaseLifecycle.Change change = read(event);
            if (change != null) {
                changes.add(change);
            }
        }
        cases.openAndClose(changes);
    }

    private void apply(CloudEvent event) throws Exception {
        CaseLifecycle.Change change = read(event);
        if (change != null) {
            cases.openOrClose(change);
        }
    }

    /** The start or end of zero-employment an event reports, or null for the events that do not concern the deadline. */
    private CaseLifecycle.Change read(CloudEvent event) throws Exception {
        EventType type = EventType.ofType(event.type()).orElse(null);
        if (type != EventType.ZERO_EMPLOYMENT_STARTED && type != EventType.ZERO_EMPLOYMENT_ENDED) {
            return null; // registrations and member changes do not concern the deadline
        }
        return new CaseLifecycle.Change(event.id(), type == EventType.ZERO_EMPLOYMENT_STARTED
                ? json.treeToValue(event.data(), ZeroEmploymentStarted.class)
                : json.treeToValue(event.data(), ZeroEmploymentEnded.class));
    }
}
