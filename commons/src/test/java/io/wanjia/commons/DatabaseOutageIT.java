package io.wanjia.commons;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.outbox.DeadLetter;
import io.wanjia.contracts.problem.Problem;
import io.wanjia.commons.testapp.LedgerConsumer;
import io.wanjia.commons.testing.KafkaTestClient;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.contracts.Topics;

/**
 * The database goes away under a consumer (PostgreSQL is stopped, as a crash or a failover would) and comes back:
 * the events that arrived meanwhile are applied once when it is back, none is dead-lettered, and the service is
 * ready again. Stops the machine's PostgreSQL cluster for a few seconds, as {@code ./platform} runs it.
 */
@QuarkusTest
class DatabaseOutageIT {

    private static final String CLUSTER = "wanjia";

    @Inject
    LedgerConsumer ledger;
    @Inject
    AgroalDataSource pool;
    @Inject
    MeterRegistry metrics;

    @Test
    void shouldWaitForTheDatabaseAndApplyWhatArrivedMeanwhileOnce() throws Exception {
        String cluster = cluster();
        assumeTrue(cluster != null && "root".equals(System.getProperty("user.name")),
                "PostgreSQL runs as a Debian cluster that this user may stop with pg_ctlcluster (as ./platform runs it, as root)");
        UUID household = UUID.randomUUID();
        double waitsBefore = metrics.counter("wanjia.inbox.database-waits", "consumer", "ledger").count();
        try (KafkaTestClient kafka = new KafkaTestClient(); KafkaTestClient.Watch dlq = kafka.watch(Topics.deadLetter(Topics.HOUSEHOLD_EVENTS))) {
            pgctl(cluster, "stop");
            try {
                kafka.send(Topics.HOUSEHOLD_EVENTS, household.toString(), Map.of(CloudEvent.SPECVERSION, "1.0",
                        CloudEvent.ID, UUID.randomUUID().toString(), CloudEvent.TYPE, "wanjia.household.zero-employment-ended.v1",
                        CloudEvent.SOURCE, "/test", CloudEvent.TIME, Instant.now().toString()),
                        "{\"householdId\":\"" + household + "\",\"districtCode\":\"210102\",\"reason\":\"PLACED\",\"on\":\"2006-03-01\"}");
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        metrics.counter("wanjia.inbox.database-waits", "consumer", "ledger").count() > waitsBefore);
                // Meanwhile a person at a screen is told what is happening and when to try again, not "internal error".
                given().header("Authorization", Tokens.bearer("caseworker", "210102"))
                        .get("/api/v1/ledger/{household}/history", household)
                        .then().statusCode(503).header("Retry-After", "5").contentType(Problem.MEDIA_TYPE)
                        .body("type", equalTo(Problem.type("unavailable"))).body("detail", containsString("try again"));
            } finally {
                pgctl(cluster, "start");
                // The pool's idle connections died with the server: let the tests after this one start with fresh ones.
                pool.flush(AgroalDataSource.FlushMode.ALL);
            }

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> ledger.reasons(household).equals(List.of("PLACED")));
            List<ConsumerRecord<String, String>> dead = dlq.seen();
            assertThat(dead).noneMatch(r -> household.toString().equals(r.key()));
            assertThat(dead).noneMatch(r -> "ledger".equals(KafkaTestClient.header(r, DeadLetter.CONSUMER))
                    && String.valueOf(KafkaTestClient.header(r, DeadLetter.REASON)).contains("onnection"));
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> given().get("/q/health/ready").then().extract().statusCode() == 200);
    }


    @Test
    void shouldTryAgainWhenAConnectionIsLostWhileTheDatabaseAnswers() throws Exception {
        // What a database restart leaves in the pool: connections that fail once used, while fresh ones work. The
        // batch and then the record's own first try lose theirs; the record is not at fault and must not be
        // dead-lettered, nor may the channel stop (seen in the chaos run: readiness DOWN for good).
        UUID household = UUID.randomUUID();
        ledger.loseConnectionFor(household, 2);
        try (KafkaTestClient kafka = new KafkaTestClient(); KafkaTestClient.Watch dlq = kafka.watch(Topics.deadLetter(Topics.HOUSEHOLD_EVENTS))) {
            kafka.send(Topics.HOUSEHOLD_EVENTS, household.toString(), Map.of(CloudEvent.SPECVERSION, "1.0",
                    CloudEvent.ID, UUID.randomUUID().toString(), CloudEvent.TYPE, "wanjia.household.zero-employment-ended.v1",
                    CloudEvent.SOURCE, "/test", CloudEvent.TIME, Instant.now().toString()),
                    "{\"householdId\":\"" + household + "\",\"districtCode\":\"210102\",\"reason\":\"PLACED\",\"on\":\"2006-03-01\"}");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ledger.reasons(household).equals(List.of("PLACED")));
            assertThat(dlq.seen()).noneMatch(r -> household.toString().equals(r.key()));
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void shouldWaitWhenTheDatabaseEndsTheSessionWhileADeadLetterIsCommitted() throws Exception {
        // What a restart during a burst of bad records does: the commit of the transaction that dead-letters one fails,
        // and the transaction manager reports it as a RollbackException with the database's error suppressed, not as
        // its cause. The record is still bad and the database still there: the inbox waits, takes the batch again,
        // dead-letters the record once and goes on; it must not take the outage for the record's fault and stop.
        UUID household = UUID.randomUUID();
        String fault = "end_session_at_commit_" + Long.toHexString(household.getMostSignificantBits() & Long.MAX_VALUE);
        // A dead-letter copy's key is kept as base64 (Outbox.deadLetter)
        String key = Base64.getEncoder().encodeToString(household.toString().getBytes(StandardCharsets.UTF_8));
        execute("CREATE SEQUENCE " + fault,
                "CREATE FUNCTION " + fault + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        // nextval is not rolled back with the transaction it ends: the session ends at the first commit only
                        + " IF NEW.event_key = '" + key + "' AND nextval('" + fault + "') = 1 THEN"
                        + " PERFORM pg_terminate_backend(pg_backend_pid()); END IF; RETURN NULL; END $$",
                "CREATE CONSTRAINT TRIGGER " + fault + " AFTER INSERT ON outbox_event DEFERRABLE INITIALLY DEFERRED"
                        + " FOR EACH ROW EXECUTE FUNCTION " + fault + "()");
        double waitsBefore = metrics.counter("wanjia.inbox.database-waits", "consumer", "ledger").count();
        Map<String, String> headers = Map.of(CloudEvent.SPECVERSION, "1.0", CloudEvent.TYPE, "wanjia.household.zero-employment-ended.v1",
                CloudEvent.SOURCE, "/test", CloudEvent.TIME, Instant.now().toString());
        try (KafkaTestClient kafka = new KafkaTestClient(); KafkaTestClient.Watch dlq = kafka.watch(Topics.deadLetter(Topics.HOUSEHOLD_EVENTS))) {
            Map<String, String> bad = new HashMap<>(headers);
            bad.put(CloudEvent.ID, UUID.randomUUID().toString());
            kafka.send(Topics.HOUSEHOLD_EVENTS, household.toString(), bad, "{\"householdId\": not json");
            Map<String, String> good = new HashMap<>(headers);
            good.put(CloudEvent.ID, UUID.randomUUID().toString());
            kafka.send(Topics.HOUSEHOLD_EVENTS, household.toString(), good,
                    "{\"householdId\":\"" + household + "\",\"districtCode\":\"210102\",\"reason\":\"PLACED\",\"on\":\"2006-03-01\"}");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ledger.reasons(household).equals(List.of("PLACED")));
            assertThat(metrics.counter("wanjia.inbox.database-waits", "consumer", "ledger").count())
                    .as("the ended commit was waited out").isGreaterThan(waitsBefore);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> dlq.seen().stream().anyMatch(r -> household.toString().equals(r.key())));
            assertThat(dlq.seen()).filteredOn(r -> household.toString().equals(r.key())).hasSize(1);
        } finally {
            execute("DROP TRIGGER " + fault + " ON outbox_event", "DROP FUNCTION " + fault + "()", "DROP SEQUENCE " + fault);
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The version of Wanjia's Debian cluster ("wanjia" on port 5433, ./platform), or null where there is none to stop. */
    private static String cluster() throws IOException, InterruptedException {
        if (!new File("/usr/bin/pg_lsclusters").exists()) {
            return null;
        }
        Process list = new ProcessBuilder("pg_lsclusters", "-h").redirectErrorStream(true).start();
        String out = new String(list.getInputStream().readAllBytes());
        list.waitFor(10, TimeUnit.SECONDS);
        for (String line : out.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 2 && fields[1].equals(CLUSTER) && fields[2].equals("5433")) {
                return fields[0];
            }
        }
        return null;
    }

    private static void pgctl(String version, String action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, CLUSTER, action));
        if (action.equals("stop")) {
            command.addAll(List.of("-m", "fast"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("pg_ctlcluster %s", action).isTrue();
        assertThat(process.exitValue()).as("pg_ctlcluster %s: %s", action, out).isZero();
    }
}
