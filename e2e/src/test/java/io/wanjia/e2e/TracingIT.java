package io.wanjia.e2e;

import static io.wanjia.e2e.Households.member;
import static io.wanjia.e2e.Households.nationalId;
import static io.wanjia.e2e.Households.register;
import static io.wanjia.e2e.Households.report;
import static io.wanjia.e2e.Households.reportByHttp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One labour report followed through all four services by its trace: the publisher's {@code traceparent} travels
 * into household-service, out through its outbox on the events the report causes, into each consumer, and on
 * through deadline-monitor's outbox to reporting-service. The services export to the suite's collector
 * ({@link TraceCollector}); a report arriving without a trace, or with a garbled one, is applied all the same.
 */
class TracingIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeAll
    static void startPlatform() throws Exception {
        Platform.start();
    }

    @Test
    void shouldFollowOneReportSentByKafkaThroughAllFourServicesByOneTraceId() {
        String district = "210106";
        LocalDate today = Platform.now().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
        String idB = nationalId(district, today.minusYears(40), false);
        String household = register(district, List.of(member(nationalId(district, today.minusYears(42), true), today.minusYears(42), true,
                "UNEMPLOYED"), member(idB, today.minusYears(40), false, "EMPLOYED_STABLE"))).get("id").asText();
        String traceId = randomHex(16);

        report("unemployment", idB, district, today, UUID.randomUUID().toString(), Map.of("traceparent", traceparent(traceId)));

        // household-service applies the report; placement, deadline and reporting each process what it published;
        // reporting also processes the case that deadline-monitor opened for it. Nothing else joins the trace (the
        // connector's own spans are off: the inbox makes them).
        await().atMost(WAIT).untilAsserted(() -> assertThat(spans(traceId)).containsExactlyInAnyOrder(
                "household-service labour.status-reports.v1 process",
                "placement-service household.events.v1 process",
                "deadline-monitor household.events.v1 process",
                "reporting-service household.events.v1 process",
                "reporting-service escalation.events.v1 process"));
        assertThat(Households.get("household-service", "/api/v1/households/" + household, "caseworker", district).get("status").asText())
                .isEqualTo("ZERO_EMPLOYMENT");
    }

    @Test
    void shouldContinueTheTraceOfAReportSentOverHttp() {
        String district = "210106";
        LocalDate today = Platform.now().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
        String traceId = randomHex(16);

        assertThat(reportByHttp("unemployment", nationalId(district, today.minusYears(33), true), district, today,
                UUID.randomUUID().toString(), Map.of("traceparent", traceparent(traceId)))).isEqualTo("ACCEPTED");

        // Nobody of that number is registered: the report is only counted, by reporting, from household-service's event.
        await().atMost(WAIT).untilAsserted(() -> assertThat(spans(traceId)).contains(
                "household-service POST /api/v1/labour-reports", "reporting-service household.events.v1 process"));
    }

    @Test
    void shouldApplyAReportWhoseTraceHeaderIsGarbled() {
        String district = "210106";
        LocalDate today = Platform.now().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
        String idB = nationalId(district, today.minusYears(38), false);
        String household = register(district, List.of(member(idB, today.minusYears(38), false, "EMPLOYED_STABLE"))).get("id").asText();

        report("unemployment", idB, district, today, UUID.randomUUID().toString(), Map.of("traceparent", "00-not-a-trace-\u0000",
                "tracestate", "=".repeat(600)));

        await().atMost(WAIT).until(() -> Households.get("household-service", "/api/v1/households/" + household, "caseworker", district)
                .get("status").asText().equals("ZERO_EMPLOYMENT"));
    }

    /** The kinds of span in a trace, as "service span-name" lines, each once. */
    private static List<String> spans(String traceId) {
        return Platform.traces().of(traceId).stream().map(s -> s.service() + " " + s.name()).distinct().toList();
    }

    /** A sampled W3C trace context, as a publisher that traces its sends would put on a record or request. */
    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + randomHex(8) + "-01";
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
