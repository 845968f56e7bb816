package io.wanjia.commons;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.wanjia.contracts.Topics;

/**
 * The outbox and inbox suite again for a deployment that shares its Kafka cluster with other districts:
 * with {@code wanjia.topic-prefix} set, events go to the prefixed topic, are consumed from it, and bad records
 * land on the prefixed dead-letter topic — nothing reaches the unprefixed names.
 */
@QuarkusTest
@TestProfile(TopicPrefixIT.DistrictPrefix.class)
class TopicPrefixIT extends OutboxInboxIT {

    static final String PREFIX = "210199.";

    @Override
    String topic() {
        return PREFIX + Topics.HOUSEHOLD_EVENTS;
    }

    public static class DistrictPrefix implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wanjia.topic-prefix", PREFIX,
                    "mp.messaging.incoming.ledger.topic", PREFIX + Topics.HOUSEHOLD_EVENTS,
                    "mp.messaging.incoming.ledger.group.id", PREFIX + "commons-ledger-test");
        }
    }
}
