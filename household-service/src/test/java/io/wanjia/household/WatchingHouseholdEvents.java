package io.wanjia.household;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.contracts.Topics;

/**
 * What household-service's integration tests share: a real client watching {@code household.events.v1} from
 * each test's start, the service's today, and a last look at the log for any national ID.
 */
abstract class WatchingHouseholdEvents {

    static final String REGISTERED = "wanjia.household.registered.v1";
    static final String MEMBER_CHANGED = "wanjia.household.member-changed.v1";
    static final String STARTED = "wanjia.household.zero-employment-started.v1";
    static final String ENDED = "wanjia.household.zero-employment-ended.v1";

    @Inject
    Clock clock;

    KafkaTestClient kafka;
    KafkaTestClient.Watch events;
    LocalDate today;

    @BeforeEach
    void watchHouseholdEvents() {
        kafka = new KafkaTestClient();
        events = kafka.watch(Topics.HOUSEHOLD_EVENTS);
        today = LocalDate.now(clock);
    }

    @AfterEach
    void closeKafka() {
        events.close();
        kafka.close();
    }

    @AfterAll
    static void noNationalIdInTheLog() throws IOException {
        Fixtures.assertNoNationalIdLogged();
    }
}
