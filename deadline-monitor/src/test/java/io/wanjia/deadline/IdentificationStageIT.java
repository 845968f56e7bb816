package io.wanjia.deadline;

import static io.restassured.RestAssured.given;
import static io.wanjia.deadline.DeadlineFixtures.caseOf;
import static io.wanjia.deadline.DeadlineFixtures.json;
import static io.wanjia.deadline.DeadlineFixtures.of;
import static io.wanjia.deadline.DeadlineFixtures.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.commons.time.AdjustableClock;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.household.IdentificationOpened;
import io.wanjia.contracts.household.IdentificationRejected;
import io.wanjia.contracts.household.IdentificationStepCompleted;
import io.wanjia.deadline.domain.IdentificationDeadlines;
import io.wanjia.deadline.service.EscalationEngine;
import io.wanjia.deadline.service.Policies;

/**
 * The household's identification (认定) on its case: the stage shows and each step joins the timeline; a rejection
 * withdraws the case with its reason and cancels the steps still to come; a rejection read again changes nothing; a
 * step not done within its sub-deadline escalates once to the office above, one done in time never does.
 */
@QuarkusTest
class IdentificationStageIT {

    private static final String HEPING = "210102";

    private static final String ESCALATED = "wanjia.case.escalated.v1";

    @Inject
    AdjustableClock clock;
    @Inject
    EscalationEngine engine;
    @Inject
    Policies policies;

    KafkaTestClient kafka;
    KafkaTestClient.Watch escalations;

    @BeforeEach
    void watch() {
        kafka = new KafkaTestClient();
        escalations = kafka.watch(Topics.ESCALATION_EVENTS);
    }

    @AfterEach
    void close() {
        engine.start();
        escalations.close();
        kafka.close();
    }

    @Test
    void shouldShowTheStageAndWithdrawTheCaseWhenTheIdentificationIsRejected() {
        UUID household = UUID.randomUUID(), identification = UUID.randomUUID();
        LocalDate day1 = LocalDate.now(clock).minusDays(3);
        DeadlineFixtures.started(kafka, household, HEPING, day1);
        DeadlineFixtures.publish(kafka, household, new IdentificationOpened(identification, household, HEPING,
                IdentificationOpened.Source.MONITORING, day1, true, "ALL_COUNTED_MEMBERS_OUT_OF_STABLE_WORK"));
        DeadlineFixtures.publish(kafka, household, new IdentificationStepCompleted(identification, household, HEPING, "VERIFY",
                "VERIFIED", "REVIEW", day1.plusDays(1), null));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode c = caseOf(household, HEPING);
            return c != null && "REVIEW".equals(c.path("identificationStage").asText());
        });

        DeadlineFixtures.Sent rejected = DeadlineFixtures.publish(kafka, household, new IdentificationRejected(identification, household,
                HEPING, "REVIEW", "REVIEW_REFUSED", day1.plusDays(2)));

        JsonNode closed = json(escalations.await(r -> of(r, household) && "wanjia.case.closed.v1".equals(type(r)), 1).get(0).value());
        assertThat(closed.get("outcome").asText()).isEqualTo("WITHDRAWN");
        assertThat(closed.get("closedOn").asText()).isEqualTo(day1.plusDays(2).toString());
        JsonNode c = caseOf(household, HEPING);
        assertThat(c.get("status").asText()).isEqualTo("CLOSED");
        assertThat(c.get("identificationStage").asText()).isEqualTo("REJECTED");
        assertThat(c.get("steps").findValuesAsText("state")).containsOnly("CANCELLED");
        assertThat(c.get("timeline").findValuesAsText("type")).containsSubsequence("OPENED", "IDENTIFICATION_OPENED",
                "IDENTIFICATION_STEP_COMPLETED", "IDENTIFICATION_REJECTED", "CLOSED");
        assertThat(c.get("timeline").toString()).contains("IDENTIFICATION_REJECTED: REVIEW_REFUSED");

        // Read again (a replay), the rejection closes nothing else: the household's next case stays open.
        DeadlineFixtures.started(kafka, household, HEPING, day1.plusDays(3));
        escalations.await(r -> of(r, household) && "wanjia.case.opened.v1".equals(type(r)), 2);
        kafka.send(Topics.HOUSEHOLD_EVENTS, household.toString(), rejected.headers(), rejected.value());
        DeadlineFixtures.publish(kafka, household, new IdentificationOpened(UUID.randomUUID(), household, HEPING,
                IdentificationOpened.Source.MONITORING, day1.plusDays(3), true, "ALL_COUNTED_MEMBERS_OUT_OF_STABLE_WORK"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "VERIFY".equals(openCase(household).path("identificationStage").asText()));
        assertThat(DeadlineFixtures.caseCount(household, HEPING)).isEqualTo(2);
    }

    /** The household's open case as a supervisor sees it, or a missing node. */
    @Test
    void shouldEscalateAMissedVerificationToTheStreetOfficeExactlyOnceAndCancelTheReviewsSubDeadlineWhenItIsDone() {
        UUID household = UUID.randomUUID(), identification = UUID.randomUUID();
        LocalDate day1 = LocalDate.now(clock);
        DeadlineFixtures.started(kafka, household, HEPING, day1);
        DeadlineFixtures.publish(kafka, household, new IdentificationOpened(identification, household, HEPING,
                IdentificationOpened.Source.MONITORING, day1, true, "ALL_COUNTED_MEMBERS_OUT_OF_STABLE_WORK"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "VERIFY".equals(openCase(household).path("identificationStage").asText()));
        Instant verifyDue = IdentificationDeadlines.STANDARD.of("VERIFY", day1, policies.calendar(), clock.getZone()).orElseThrow().dueAt();

        clock.set(verifyDue.minusSeconds(60));
        engine.fireDue(1000);
        assertThat(escalations.seen().stream().filter(r -> of(r, household) && ESCALATED.equals(type(r)))).isEmpty();
        clock.set(verifyDue.plusSeconds(60));
        engine.fireDue(1000);
        engine.fireDue(1000); // a second sweep fires nothing again

        JsonNode escalated = json(escalations.await(r -> of(r, household) && ESCALATED.equals(type(r)), 1).get(0).value());
        assertThat(escalations.seen().stream().filter(r -> of(r, household) && ESCALATED.equals(type(r)))).hasSize(1);
        assertThat(escalated.get("identificationStage").asText()).isEqualTo("VERIFY");
        assertThat(escalated.get("level").asText()).isEqualTo("STREET");
        assertThat(escalated.get("recipientRole").asText()).isEqualTo("supervisor");
        assertThat(escalated.get("area").asText()).isEqualTo(HEPING);

        // Verified late, then reviewed in time: the review's sub-deadline never fires.
        LocalDate verifiedOn = verifyDue.atZone(clock.getZone()).toLocalDate();
        DeadlineFixtures.publish(kafka, household, new IdentificationStepCompleted(identification, household, HEPING, "VERIFY",
                "VERIFIED", "REVIEW", verifiedOn, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> "REVIEW".equals(openCase(household).path("identificationStage").asText()));
        DeadlineFixtures.publish(kafka, household, new IdentificationStepCompleted(identification, household, HEPING, "REVIEW",
                "REVIEW_APPROVED", "POSTING", verifiedOn, verifiedOn.plusDays(7)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "POSTING".equals(openCase(household).path("identificationStage").asText()));
        clock.set(IdentificationDeadlines.STANDARD.of("REVIEW", verifiedOn, policies.calendar(), clock.getZone()).orElseThrow().dueAt()
                .plusSeconds(60));
        engine.fireDue(1000);

        JsonNode c = openCase(household);
        assertThat(c.get("steps").findValues("identificationStage").stream().filter(JsonNode::isTextual)
                .map(s -> s.asText()).toList()).containsExactly("VERIFY", "REVIEW", "POSTING");
        // (the ladder's day-10 step may have come due meanwhile: only the sub-deadlines' escalations are counted here)
        assertThat(escalations.seen().stream().filter(r -> of(r, household) && ESCALATED.equals(type(r))
                && json(r.value()).hasNonNull("identificationStage"))).hasSize(1);
        assertThat(stepState(c, "VERIFY")).isEqualTo("FIRED");
        assertThat(stepState(c, "REVIEW")).isEqualTo("CANCELLED");
        assertThat(stepState(c, "POSTING")).isEqualTo("PENDING");
    }

    private static String stepState(JsonNode c, String stage) {
        for (JsonNode step : c.get("steps")) {
            if (stage.equals(step.path("identificationStage").asText())) {
                return step.get("state").asText();
            }
        }
        return null;
    }

    private static JsonNode openCase(UUID household) {
        String body = given().header("Authorization", Tokens.bearer("supervisor", HEPING)).queryParam("size", 500)
                .get("/api/v1/cases").then().statusCode(200).extract().asString();
        for (JsonNode c : json(body).get("items")) {
            if (c.get("householdId").asText().equals(household.toString()) && c.get("status").asText().equals("OPEN")) {
                return json(given().header("Authorization", Tokens.bearer("supervisor", HEPING)).get("/api/v1/cases/{id}", c.get("id").asText())
                        .then().statusCode(200).extract().asString());
            }
        }
        return MissingNode.getInstance();
    }
}
