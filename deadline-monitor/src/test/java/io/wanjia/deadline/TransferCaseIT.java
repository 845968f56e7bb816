package io.wanjia.deadline;

import static io.wanjia.deadline.DeadlineFixtures.caseOf;
import static io.wanjia.deadline.DeadlineFixtures.json;
import static io.wanjia.deadline.DeadlineFixtures.of;
import static io.wanjia.deadline.DeadlineFixtures.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.time.AdjustableClock;
import io.wanjia.contracts.Gender;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.HouseholdExited;
import io.wanjia.contracts.household.ZeroEmploymentEnded.Reason;
import io.wanjia.contracts.household.ZeroEmploymentStarted;

/**
 * A household that moves to another district of the city on day 12 of its promise (issue #18): its case here closes
 * TRANSFERRED — neither met nor withdrawn — and the new district's case, opened from the episode's first day, is on day 13
 * the next day and climbs the same ladder in the new district's area. Each district runs its own deadline-monitor; here
 * one instance reads both households' events, as each would.
 */
@QuarkusTest
class TransferCaseIT {

    private static final String OPENED = "wanjia.case.opened.v1";
    private static final String ESCALATED = "wanjia.case.escalated.v1";
    private static final String CLOSED = "wanjia.case.closed.v1";
    private static final String HEPING = "210102";
    private static final String SHENHE = "210103";

    @Inject
    AdjustableClock clock;

    KafkaTestClient kafka;
    KafkaTestClient.Watch escalations;

    @BeforeEach
    void watch() {
        kafka = new KafkaTestClient();
        escalations = kafka.watch(Topics.ESCALATION_EVENTS);
        var now = clock.instant().atZone(clock.getZone());
        clock.set(now.toLocalDate().plusDays(1).atTime(LocalTime.of(0, 5)).atZone(clock.getZone()).toInstant());
    }

    @AfterEach
    void close() {
        escalations.close();
        kafka.close();
    }

    @Test
    void shouldCloseTheCaseAsTransferredOnDay12AndGoOnOnDay13InTheNewDistrict() {
        UUID inHeping = UUID.randomUUID();
        LocalDate day1 = LocalDate.now(clock);
        DeadlineFixtures.started(kafka, inHeping, HEPING, day1);
        escalations.await(r -> of(r, inHeping) && OPENED.equals(type(r)), 1);
        clock.advance(Duration.ofDays(11)); // day 12: the community case worker was alerted on day 10
        assertThat(json(escalations.await(r -> of(r, inHeping) && ESCALATED.equals(type(r)), 1).get(0).value()).get("level").asText())
                .isEqualTo("COMMUNITY");

        // Heping releases the household to Shenhe today.
        LocalDate today = LocalDate.now(clock);
        DeadlineFixtures.ended(kafka, inHeping, HEPING, Reason.TRANSFERRED, today);
        DeadlineFixtures.publish(kafka, inHeping, new HouseholdExited(inHeping, HEPING, "TRANSFERRED", today, SHENHE));
        JsonNode closed = json(escalations.await(r -> of(r, inHeping) && CLOSED.equals(type(r)), 1).get(0).value());
        assertThat(closed.get("outcome").asText()).isEqualTo("TRANSFERRED");
        assertThat(closed.get("days").asInt()).isEqualTo(12);
        JsonNode heping = caseOf(inHeping, HEPING);
        assertThat(heping.get("steps").findValuesAsText("state")).containsExactly("FIRED", "CANCELLED", "CANCELLED", "CANCELLED");

        // Shenhe registers it from the release: zero-employment since the same day 1, moved from Heping.
        UUID inShenhe = UUID.randomUUID();
        DeadlineFixtures.publish(kafka, inShenhe, new ZeroEmploymentStarted(inShenhe, SHENHE, day1, "STANDARD",
                List.of(new Candidate(UUID.randomUUID(), 45, Gender.MALE, "JUNIOR_MIDDLE", List.of("welding"))), null, HEPING, null));
        JsonNode opened = json(escalations.await(r -> of(r, inShenhe) && OPENED.equals(type(r)), 1).get(0).value());
        assertThat(opened.get("since").asText()).isEqualTo(day1.toString());
        // The step already due (day 10) tells Shenhe's community at once: the family is new to it, not to the promise.
        JsonNode caught = json(escalations.await(r -> of(r, inShenhe) && ESCALATED.equals(type(r)), 1).get(0).value());
        assertThat(caught.get("level").asText()).isEqualTo("COMMUNITY");
        assertThat(caught.get("area").asText()).startsWith(SHENHE);

        clock.advance(Duration.ofDays(1));
        JsonNode shenhe = caseOf(inShenhe, SHENHE);
        assertThat(shenhe.get("day").asInt()).isEqualTo(13);
        assertThat(shenhe.get("lastDay").asText()).isEqualTo(day1.plusDays(19).toString());
        assertThat(shenhe.get("timeline").get(0).get("detail").get("transferredFrom").asText()).isEqualTo(HEPING);

        clock.advance(Duration.ofDays(2)); // day 15: the street office — Shenhe's
        List<ConsumerRecord<String, String>> fired = escalations.await(r -> of(r, inShenhe) && ESCALATED.equals(type(r)), 2);
        JsonNode street = json(fired.get(1).value());
        assertThat(street.get("level").asText()).isEqualTo("STREET");
        assertThat(street.get("day").asInt()).isEqualTo(15);
        assertThat(street.get("area").asText()).startsWith(SHENHE);
        // Heping's closed case fires nothing more.
        assertThat(escalations.seen().stream().filter(r -> of(r, inHeping))).extracting(DeadlineFixtures::type)
                .containsExactly(OPENED, ESCALATED, CLOSED);
    }
}
