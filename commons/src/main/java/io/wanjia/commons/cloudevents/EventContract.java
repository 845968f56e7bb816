package io.wanjia.commons.cloudevents;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.wanjia.commons.inbox.RejectedEventException;
import io.wanjia.contracts.EventType;

/**
 * What the contracts promise of every record on our topics, checked once for every consumer before its handler
 * runs: the {@code ce_type} is in the catalogue and travels on this topic, the data keeps its JSON Schema, and an
 * event about a household is keyed by that household (so its events stay ordered on one partition).
 */
@Singleton
public class EventContract {

    private static final String HOUSEHOLD_ID = "householdId";

    @Inject
    EventSchemas schemas;

    /**
     * The catalogue entry of {@code event} read from {@code topic} (which may carry a deployment's prefix), or a
     * {@link RejectedEventException} naming what breaks the contract.
     */
    public EventType check(String topic, CloudEvent event) {
        EventType type = EventType.ofType(event.type())
                .orElseThrow(() -> new RejectedEventException(CloudEvent.TYPE, "is not in the event catalogue"));
        if (!topic.endsWith(type.topic())) {
            throw new RejectedEventException(CloudEvent.TYPE, "belongs on " + type.topic() + ", not on this topic");
        }
        schemas.validate(type, event.data());
        var household = event.data().get(HOUSEHOLD_ID);
        if (household != null && !household.asText().equals(event.key())) {
            throw new RejectedEventException("key", event.key() == null ? "is missing: it must be data.householdId"
                    : "must be data.householdId");
        }
        return type;
    }
}
