package io.wanjia.deadline;

import static io.wanjia.deadline.DeadlineFixtures.caseOf;
import static io.wanjia.deadline.DeadlineFixtures.json;
import static io.wanjia.deadline.DeadlineFixtures.of;
import static io.wanjia.deadline.DeadlineFixtures.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.time.AdjustableClock;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.household.ZeroEmploymentEnded;

/**
 * A placement is judged by the later of its start and the day it was recorded (issue #17: "the placement date counts as
 * recorded by the placement event, not a back-dated start"): entered on day 26 with a start on day 16, it is late.
 */
@QuarkusTest
class PlacementOutcomeIT {

    private static final String HEPING = "210102";

    @Inject
    AdjustableClock clock;

    KafkaTestClient kafka;
    KafkaTestClient.Watch escalations;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        escalations = kafka.watch(Topics.ESCALATION_EVENTS);
    }

    @AfterEach
    void tearDown() {
        escalations.close();
        kafka.close();
    }

    @Test
    void shouldCloseABackDatedPlacementLateAndOneRecordedInTimeMet() {
        LocalDate today = LocalDate.now(clock), day1 = today.minusDays(25);
        UUID backDated = UUID.randomUUID(), inTime = UUID.randomUUID();
        DeadlineFixtures.started(kafka, backDated, HEPING, day1);
        DeadlineFixtures.started(kafka, inTime, HEPING, day1);
        escalations.await(r -> (of(r, backDated) || of(r, inTime)) && "wanjia.case.opened.v1".equals(type(r)), 2);

        DeadlineFixtures.publish(kafka, backDated, new ZeroEmploymentEnded(backDated, HEPING, ZeroEmploymentEnded.Reason.PLACED,
                day1.plusDays(15), today, "ENTERPRISE"));
        DeadlineFixtures.publish(kafka, inTime, new ZeroEmploymentEnded(inTime, HEPING, ZeroEmploymentEnded.Reason.PLACED,
                day1.plusDays(15), day1.plusDays(15), "PUBLIC_WELFARE"));

        JsonNode late = closed(backDated);
        assertThat(late.get("outcome").asText()).isEqualTo("MET_LATE");
        assertThat(late.get("closedOn").asText()).as("the business date stays the start").isEqualTo(day1.plusDays(15).toString());
        assertThat(late.get("days").asInt()).as("counted to the day it was recorded").isEqualTo(26);
        assertThat(caseOf(backDated, HEPING).get("timeline").toString()).contains("\"recordedOn\":\"" + today + "\"");
        JsonNode met = closed(inTime);
        assertThat(met.get("outcome").asText()).isEqualTo("MET");
        assertThat(met.get("days").asInt()).isEqualTo(16);
        assertThat(late.get("channel").asText()).as("the kind of work that closed it, for days by channel").isEqualTo("ENTERPRISE");
        assertThat(met.get("channel").asText()).isEqualTo("PUBLIC_WELFARE");
    }

    private JsonNode closed(UUID household) {
        return json(escalations.await(r -> of(r, household) && "wanjia.case.closed.v1".equals(type(r)), 1).get(0).value());
    }
}
