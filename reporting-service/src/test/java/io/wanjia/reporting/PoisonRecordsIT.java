package io.wanjia.reporting;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.PoisonRecords;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.Gender;
import io.wanjia.contracts.JobKind;
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.LabourReportsReceived;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.contracts.escalation.CaseEscalated;
import io.wanjia.contracts.placement.MemberPlaced;

/**
 * No record stops reporting-service's consumer: every kind of bad record on each of the three topics it reads goes
 * to that topic's dead-letter twin with its reason, the service stays ready, and the good event after them is
 * counted. Figures are read for 锦州市太和区 (210711: outside Dalian, whose city totals ReportingIT checks exactly, and
 * written by no other test) in a 30-day window of each test's own.
 */
@QuarkusTest
class PoisonRecordsIT {

    private static final String TAIHE = "210711";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    KafkaTestClient kafka;
    LocalDate base;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        base = ReportingFixtures.windowOfItsOwn();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void shouldDeadLetterEveryKindOfBadReportCountAndAddUpTheGoodOneAfterThem() throws Exception {
        feedAndAwait(UUID.randomUUID(), new LabourReportsReceived(List.of(
                new LabourReportsReceived.Count(TAIHE, LabourReportsReceived.Kind.UNEMPLOYMENT, base, 2),
                new LabourReportsReceived.Count(TAIHE, LabourReportsReceived.Kind.EMPLOYMENT, base.plusDays(1), 3))), false,
                "labourReports", 5);
    }

    @Test
    void shouldDeadLetterEveryKindOfBadHouseholdEventAndCountTheGoodOneAfterThem() throws Exception {
        UUID household = UUID.randomUUID();
        feedAndAwait(household, new ZeroEmploymentStarted(household, TAIHE, base, "STANDARD",
                List.of(new Candidate(UUID.randomUUID(), 45, Gender.MALE, "JUNIOR_MIDDLE", List.of()))), true, "newlyDetected", 1);
    }

    @Test
    void shouldDeadLetterEveryKindOfBadPlacementEventAndCountTheGoodOneAfterThem() throws Exception {
        UUID household = UUID.randomUUID();
        feedAndAwait(household, new MemberPlaced(UUID.randomUUID(), household, TAIHE, UUID.randomUUID(), UUID.randomUUID(),
                JobKind.ENTERPRISE, "锦州重工", base.plusDays(3), new BigDecimal("3000"), 12, true, false), true, "placementsEnterprise", 1);
    }

    @Test
    void shouldDeadLetterEveryKindOfBadEscalationEventAndCountTheGoodOneAfterThem() throws Exception {
        UUID household = UUID.randomUUID();
        feedAndAwait(household, new CaseEscalated(UUID.randomUUID(), household, TAIHE, 0, "COMMUNITY", 10, "caseworker", TAIHE,
                base.plusDays(10).atStartOfDay(SHANGHAI).toInstant()), true, "escalationsCommunity", 1);
    }

    private void feedAndAwait(UUID key, Record payload, boolean keyedByHousehold, String figure, long expected) throws Exception {
        EventType type = EventType.of(payload);
        var good = new PoisonRecords.Good(key.toString(), ReportingFixtures.headers(type), ReportingFixtures.JSON.writeValueAsString(payload));

        PoisonRecords.feed(kafka, type.topic(), "read-model", good, keyedByHousehold);

        await().atMost(Duration.ofSeconds(30)).until(() -> figures().path(figure).asLong() == expected);
    }

    private JsonNode figures() throws Exception {
        return ReportingFixtures.totals(TAIHE, base);
    }
}
