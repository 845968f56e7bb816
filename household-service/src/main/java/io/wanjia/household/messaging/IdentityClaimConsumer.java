package io.wanjia.household.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.wanjia.commons.inbox.EventInbox;
import io.wanjia.household.service.IdentityClaims;

/**
 * Consumes the city's {@code identity.claims.v1} through the idempotent inbox: the other districts' claims. This
 * deployment's own records are passed over unread (no inbox row, no parsing): a claim meets the others as it is made
 * ({@link IdentityClaims#claim}), and a release of ours changes nothing here.
 */
@ApplicationScoped
public class IdentityClaimConsumer {

    @Inject
    EventInbox inbox;
    @Inject
    IdentityClaims claims;

    @Incoming("identity-claims")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> theirs = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            if (!claims.isOurs(record.key())) {
                theirs.add(record);
            }
        }
        inbox.process(IdentityClaims.CONSUMER, theirs, claims::applyAll, claims::apply);
    }
}
