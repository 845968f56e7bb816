package io.wanjia.deadline.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.wanjia.commons.jdbc.SqlValues;
import io.wanjia.commons.outbox.Outbox;
import io.wanjia.commons.time.AdjustableClock;
import io.wanjia.commons.tx.AfterCommit;
import io.wanjia.commons.worker.WakeableLoop;
import io.wanjia.deadline.config.DeadlineConfig;
import io.wanjia.deadline.domain.Level;
import io.wanjia.deadline.domain.SubscriptionKind;
import io.wanjia.deadline.service.AlertSender.Attempt;
import io.wanjia.deadline.service.AlertSender.Delivery;

/**
 * Delivers alerts to their subscriptions, of every kind (webhook, e-mail, 企业微信 and 钉钉 robots; {@link AlertSender}
 * makes each attempt), and retries failed attempts with doubling waits until one succeeds, the receiver refuses for good
 * or the attempts run out. A delivery is a row written in the same transaction as the step it reports (an outbox); a
 * pool of senders works through the due rows, so a slow or failing receiver holds one sender, never the engine or the
 * other subscribers. The log keeps a status code or a fixed description, nothing the receiver sent.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final Object WAKE = new Object();
    private static final Duration LEASE = Duration.ofMinutes(2);

    @Inject
    MeterRegistry metrics;
    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    AdjustableClock adjustableClock;
    @Inject
    DeadlineConfig config;
    @Inject
    AfterCommit afterCommit;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;
    @Inject
    AlertSender sender;

    private WakeableLoop loop;
    private ExecutorService senders;

    void onStart(@Observes StartupEvent event) {
        DeadlineConfig.Webhooks settings = config.webhooks();
        senders = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread thread = new Thread(r, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
        loop = new WakeableLoop("webhook-dispatcher", this::pass, Duration.ofSeconds(30));
        adjustableClock.onMove(loop::wake);
        if (settings.enabled()) {
            loop.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.stop();
            senders.shutdownNow();
        }
    }

    /** A fired step's alert: the step, where and how high it is, the case's last day, and its event. */
    public record Alert(long stepId, String districtCode, Level level, LocalDate lastDay, Instant dueAt, Outbox.Published event,
            Record payload) {
    }

    /** An active subscription wants an alert {@code a} when its area covers the case and the alert reaches its level. */
    private static final String WANTED = """
            JOIN webhook_subscription s ON s.active AND a.district LIKE s.area_prefix || '%'
             AND array_position(ARRAY['COMMUNITY','STREET','DISTRICT','CITY'], a.level)
                 >= array_position(ARRAY['COMMUNITY','STREET','DISTRICT','CITY'], s.min_level)""";

    /**
     * Queues a pass's alerts for every active subscription that wants them, in the engine's transaction (on its
     * connection {@code db}): one query finds which alerts any subscription wants, one insert queues those. The row
     * keeps the event and, for the kinds that write to people, what the event does not say: the last day and the days
     * left on the step's day (calendar days, as the console counts them). An alert nobody wants costs no envelope.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(Connection db, List<Alert> alerts) throws SQLException {
        if (alerts.isEmpty()) {
            return;
        }
        Set<Long> wanted = new HashSet<>();
        try (PreparedStatement select = db.prepareStatement(
                "SELECT DISTINCT a.step_id FROM unnest(?::bigint[], ?::text[], ?::text[]) AS a (step_id, district, level) " + WANTED)) {
            select.setArray(1, db.createArrayOf("bigint", alerts.stream().map(Alert::stepId).toArray()));
            select.setArray(2, db.createArrayOf("text", alerts.stream().map(Alert::districtCode).toArray()));
            select.setArray(3, db.createArrayOf("text", alerts.stream().map(a -> a.level().name()).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    wanted.add(rows.getLong(1));
                }
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        List<Alert> queued = alerts.stream().filter(a -> wanted.contains(a.stepId())).toList();
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO webhook_delivery (subscription_id, step_id, event_id, event_type, payload, status, next_attempt_at)
                SELECT s.id, a.step_id, a.event_id, a.event_type, a.payload, 'PENDING', ?
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                    AS a (step_id, district, level, event_id, event_type, payload)
                """ + WANTED + " ON CONFLICT (subscription_id, step_id) DO NOTHING")) {
            insert.setTimestamp(1, Timestamp.from(clock.instant()));
            insert.setArray(2, db.createArrayOf("bigint", queued.stream().map(Alert::stepId).toArray()));
            insert.setArray(3, db.createArrayOf("text", queued.stream().map(Alert::districtCode).toArray()));
            insert.setArray(4, db.createArrayOf("text", queued.stream().map(a -> a.level().name()).toArray()));
            insert.setArray(5, db.createArrayOf("text", queued.stream().map(a -> a.event().id()).toArray()));
            insert.setArray(6, db.createArrayOf("text", queued.stream().map(a -> a.event().type()).toArray()));
            insert.setArray(7, db.createArrayOf("text", queued.stream().map(this::envelope).toArray()));
            insert.executeUpdate();
        }
        afterCommit.run(WAKE, loop::wake);
    }

    private String envelope(Alert a) {
        var envelope = json.createObjectNode().put("id", a.event().id()).put("source", a.event().source())
                .put("time", String.valueOf(a.event().time()));
        envelope.set("data", json.valueToTree(a.payload()));
        var alert = envelope.putObject("alert");
        if (a.lastDay() != null) {
            alert.put("lastDay", a.lastDay().toString())
                    .put("daysLeft", a.lastDay().toEpochDay() - LocalDate.ofInstant(a.dueAt(), clock.getZone()).toEpochDay());
        }
        return envelope.toString();
    }

    private Duration pass() {
        List<Object[]> claimed = claimDue();
        for (Object[] row : claimed) {
            senders.submit(() -> deliver(row));
        }
        if (!claimed.isEmpty()) {
            return Duration.ZERO;
        }
        List<?> next = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT next_attempt_at FROM webhook_delivery WHERE status = 'PENDING' ORDER BY next_attempt_at LIMIT 1")
                .getResultList());
        if (next.isEmpty()) {
            return Duration.ofSeconds(30);
        }
        Duration until = Duration.between(clock.instant(), SqlValues.instant(next.get(0)));
        return until.isNegative() ? Duration.ofMillis(50) : until.compareTo(Duration.ofSeconds(30)) < 0 ? until : Duration.ofSeconds(30);
    }

    /**
     * Claims due deliveries by pushing their next attempt past a lease, so no other sender takes them meanwhile. A
     * webhook whose secret an earlier version left in clear waits until {@link WebhookSecrets} has sealed it.
     */
    @SuppressWarnings("unchecked")
    private List<Object[]> claimDue() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                UPDATE webhook_delivery d SET next_attempt_at = ?1
                FROM webhook_subscription s
                WHERE s.id = d.subscription_id AND d.id IN (
                    SELECT id FROM webhook_delivery WHERE status = 'PENDING' AND next_attempt_at <= ?2
                    ORDER BY next_attempt_at LIMIT ?3 FOR UPDATE SKIP LOCKED)
                  AND s.secret IS NULL
                RETURNING d.id, d.attempts, s.kind, s.id, s.url, s.recipients, s.secret_sealed, s.token_sealed,
                    d.event_id, d.event_type, d.payload""")
                .setParameter(1, Timestamp.from(clock.instant().plus(LEASE)))
                .setParameter(2, Timestamp.from(clock.instant()))
                .setParameter(3, config.webhooks().concurrency() * 4)
                .getResultList());
    }

    private void deliver(Object[] row) {
        Delivery delivery = new Delivery(((Number) row[0]).longValue(), ((Number) row[1]).intValue() + 1,
                SubscriptionKind.valueOf((String) row[2]), (UUID) row[3], (String) row[4], (String) row[5], (byte[]) row[6],
                (byte[]) row[7], (String) row[8], (String) row[9], (String) row[10]);
        Attempt attempt;
        try {
            attempt = sender.send(delivery);
        } catch (RuntimeException e) {
            // A bug of ours (an envelope we cannot read): logged without the row's content, retried like any failure.
            LOG.errorf("delivery %d of subscription %s could not be attempted: %s", delivery.id(), delivery.subscription(),
                    e.getClass().getName());
            attempt = new Attempt(false, false, null, "the delivery failed");
        }
        record(delivery, attempt);
    }

    private void record(Delivery delivery, Attempt attempt) {
        Instant now = clock.instant();
        int attempts = delivery.attempt();
        boolean delivered = attempt.delivered();
        boolean giveUp = !delivered && (attempt.givenUp() || attempts >= config.webhooks().maxAttempts());
        Duration wait = config.webhooks().firstRetry().multipliedBy(1L << Math.min(attempts - 1, 20));
        if (wait.compareTo(config.webhooks().maxRetry()) > 0) {
            wait = config.webhooks().maxRetry();
        }
        Instant next = now.plus(wait);
        String state = delivered ? "DELIVERED" : giveUp ? "FAILED" : "PENDING";
        String lastError = delivered ? null : attempt.error();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE webhook_delivery SET attempts = ?1, last_status = CAST(?2 AS integer), last_error = CAST(?3 AS text),
                    status = ?4, next_attempt_at = ?5, delivered_at = CAST(?6 AS timestamptz) WHERE id = ?7""")
                .setParameter(1, attempts).setParameter(2, attempt.status()).setParameter(3, lastError).setParameter(4, state)
                .setParameter(5, Timestamp.from(next)).setParameter(6, delivered ? Timestamp.from(now) : null)
                .setParameter(7, delivery.id()).executeUpdate());
        metrics.counter("wanjia.webhooks.attempts", "outcome", delivered ? "delivered" : giveUp ? "given-up" : "failed",
                "kind", delivery.kind().name()).increment();
        if (!delivered) {
            LOG.debugf("%s delivery %d attempt %d failed: %s", delivery.kind(), delivery.id(), attempts, lastError);
        }
        loop.wake();
    }
}
