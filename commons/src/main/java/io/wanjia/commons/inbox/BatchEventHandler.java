package io.wanjia.commons.inbox;

import java.util.List;

import io.wanjia.commons.cloudevents.CloudEvent;

/**
 * What a service does with a whole polled batch of new events at once, inside the transaction that records
 * them as processed: set-based reads and writes instead of a few round trips per event. The events are in the
 * order they were polled; the result must be the one applying them one by one would give.
 */
@FunctionalInterface
public interface BatchEventHandler {

    /** Applies the events; throws (e.g. {@link RejectedEventException}) to have them applied one by one instead. */
    void handleAll(List<CloudEvent> events) throws Exception;
}
