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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.testing.PoisonRecords;
import io.wanjia.contracts.JobKind;
import io.wanjia.contracts.Topics;
import io.wanjia.contracts.placement.MemberPlaced;

/**
 * No record stops household-service's consumers: every kind of bad record on each topic it reads goes to the
 * topic's dead-letter twin with its reason, the service stays ready, and the good record after them is applied.
 */
@QuarkusTest
class PoisonRecordsIT extends WatchingHouseholdEvents {

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
}
