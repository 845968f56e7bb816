package io.wanjia.household.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.wanjia.commons.inbox.EventInbox;
import io.wanjia.household.service.IdentityClaims;

/** Consumes the city's {@code identity.claims.v1} (every district's claims, this one's included) through the idempotent inbox. */
@ApplicationScoped
public class IdentityClaimConsumer {

    @Inject
    EventInbox inbox;
    @Inject
    IdentityClaims claims;

    @Incoming("identity-claims")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        inbox.process(IdentityClaims.CONSUMER, records, claims::applyAll, claims::apply);
    }
}
