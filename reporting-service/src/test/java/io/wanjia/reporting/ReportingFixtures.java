package io.wanjia.reporting;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.contracts.EventType;

/** What reporting-service's tests share: a window of days of their own, the headers of an event, an area's totals. */
final class ReportingFixtures {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ReportingFixtures() {
    }

    /**
     * The first day of a 30-day window of a test's own, somewhere since 1990 and well before today (so open cases are
     * overdue now): period figures in it hold only that test's events.
     */
    static LocalDate windowOfItsOwn() {
        LocalDate start = LocalDate.of(1990, 1, 1);
        return start.plusDays(ThreadLocalRandom.current().nextLong(LocalDate.now().minusDays(90).toEpochDay() - start.toEpochDay()));
    }

    /** The CloudEvent headers of a new event of {@code type}, as a publishing service would set them. */
    static Map<String, String> headers(EventType type) {
        return Map.of(CloudEvent.SPECVERSION, "1.0", CloudEvent.ID, java.util.UUID.randomUUID().toString(), CloudEvent.TYPE, type.type(),
                CloudEvent.SOURCE, "/test/reporting", CloudEvent.TIME, Instant.now().toString());
    }

    /** Waits until the read model has consumed everything on its topics (a backlog of earlier runs moves stock figures). */
    static void awaitCaughtUp(KafkaTestClient kafka) {
        String group = ConfigProvider.getConfig().getValue("mp.messaging.incoming.all-events.group.id", String.class);
        kafka.awaitCaughtUp(group, List.of("household.events.v1", "placement.events.v1", "escalation.events.v1"), Duration.ofSeconds(90));
    }

    /** The figures of {@code area} over the 30 days from {@code base}, as one of its officials reads them. */
    static JsonNode totals(String area, LocalDate base) throws IOException {
        String body = given().header("Authorization", Tokens.bearer("official", area)).queryParam("area", area)
                .queryParam("from", base.toString()).queryParam("to", base.plusDays(29).toString())
                .get("/api/v1/reports/summary").then().statusCode(200).extract().asString();
        return JSON.readTree(body).path("total").path("figures");
    }
}
