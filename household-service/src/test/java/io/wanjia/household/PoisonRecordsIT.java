package io.wanjia.household;

import static io.wanjia.household.Fixtures.HEPING;
import static io.wanjia.household.Fixtures.adult;
import static io.wanjia.household.Fixtures.household;
import static io.wanjia.household.Fixtures.is;
import static io.wanjia.household.Fixtures.json;
import static io.wanjia.household.Fixtures.registered;
import static io.wanjia.household.Fixtures.reportHeaders;
import static io.wanjia.household.Fixtures.unemployment;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.testing.PoisonRecords;
import io.wanjia.contracts.JobKind;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.identity.IdentityClaimed;
import io.wanjia.contracts.placement.MemberPlaced;
import io.wanjia.household.service.IdentityClaims;

/**
 * No record stops household-service's consumers: every kind of bad record on each topic it reads goes to the
 * topic's dead-letter twin with its reason, the service stays ready, and the good record after them is applied.
 */
@QuarkusTest
class PoisonRecordsIT extends WatchingHouseholdEvents {

    @Inject
    EntityManager em;

    @Test
    void shouldDeadLetterEveryKindOfBadLabourReportAndApplyTheGoodOneAfterThem() {
        Map<String, Object> unemployed = adult(today, 45, true, "UNEMPLOYED");
        Map<String, Object> employed = adult(today, 43, false, "EMPLOYED_STABLE");
        employed.put("statusSince", today.minusYears(3).toString());
        String id = registered(household(HEPING, List.of(unemployed, employed))).get("id").asText();
        String nationalId = (String) employed.get("nationalId");
        var good = new PoisonRecords.Good(nationalId, reportHeaders(UUID.randomUUID().toString(),
                "wanjia.labour.unemployment-reported.v1"), unemployment(nationalId, today.minusDays(2)));

        PoisonRecords.feed(kafka, Topics.LABOUR_STATUS_REPORTS, "labour-reports", good, false);

        JsonNode started = json(events.await(r -> is(r, id, STARTED), 1).get(0).value());
        assertThat(started.get("since").asText()).isEqualTo(today.minusDays(2).toString());
    }

    @Test
    void shouldDeadLetterEveryKindOfBadPlacementEventAndApplyTheGoodOneAfterThem() {
        JsonNode household = registered(household(HEPING, List.of(adult(today, 40, true, "UNEMPLOYED"))));
        UUID id = UUID.fromString(household.get("id").asText());
        UUID member = UUID.fromString(household.get("members").get(0).get("id").asText());
        events.await(r -> is(r, id, STARTED), 1);
        MemberPlaced placed = new MemberPlaced(UUID.randomUUID(), id, HEPING, member, UUID.randomUUID(), JobKind.PUBLIC_WELFARE,
                "和平区环卫所", today.minusDays(1), new BigDecimal("2100"), 12, true, false);
        var good = new PoisonRecords.Good(id.toString(), Map.of(CloudEvent.SPECVERSION, "1.0", CloudEvent.ID, UUID.randomUUID().toString(),
                CloudEvent.TYPE, "wanjia.placement.member-placed.v1", CloudEvent.SOURCE, "/wanjia/placement-service",
                CloudEvent.TIME, Instant.now().toString()), Fixtures.write(placed));

        PoisonRecords.feed(kafka, Topics.PLACEMENT_EVENTS, "placement-events", good, true);

        JsonNode ended = json(events.await(r -> is(r, id, ENDED), 1).get(0).value());
        assertThat(ended.get("reason").asText()).isEqualTo("PLACED");
    }

    /**
     * The city's identity claims are read a polled batch at a time (IdentityClaims.applyAll, session 15): a batch holding
     * bad records falls back to one by one, each bad one is dead-lettered, and another district's good claim after them is
     * stored.
     */
    @Test
    void shouldDeadLetterEveryKindOfBadIdentityClaimAndStoreTheGoodOneAfterThem() {
        String hash = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        UUID theirMember = UUID.randomUUID();
        var good = new PoisonRecords.Good(IdentityClaimed.key("k1", hash, "210103"), Map.of(CloudEvent.SPECVERSION, "1.0",
                CloudEvent.ID, UUID.randomUUID().toString(), CloudEvent.TYPE, "wanjia.identity.claimed.v1",
                CloudEvent.SOURCE, "/wanjia/household-service", CloudEvent.TIME, Instant.now().toString()),
                Fixtures.write(Map.of("hashKeyId", "k1", "hash", hash, "deployment", "210103", "districtCode", Fixtures.SHENHE,
                        "memberId", theirMember.toString())));

        PoisonRecords.feed(kafka, Topics.IDENTITY_CLAIMS, IdentityClaims.CONSUMER, good, false);

        Awaitility.await("the good claim stored").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM identity_claim WHERE hash = ?1 AND deployment = '210103' AND member_id = ?2 AND held")
                        .setParameter(1, hash).setParameter(2, theirMember).getSingleResult()).longValue()) == 1);
    }
}
