package io.wanjia.commons.inbox;

import io.wanjia.commons.cloudevents.CloudEvent;

/** What a service does with one incoming event, inside the transaction that records it as processed. */
@FunctionalInterface
public interface EventHandler {

    /** Applies the event; throws {@link RejectedEventException} when the event can never be applied. */
    void handle(CloudEvent event) throws Exception;
}
