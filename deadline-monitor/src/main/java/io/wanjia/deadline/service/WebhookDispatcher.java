package io.wanjia.deadline.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.jdbc.SqlValues;
import io.wanjia.commons.time.AdjustableClock;
import io.wanjia.commons.tx.AfterCommit;
import io.wanjia.commons.tx.WriteBehind;
import io.wanjia.commons.worker.WakeableLoop;
import io.wanjia.deadline.AssistanceCase;
import io.wanjia.deadline.CaseStep;
import io.wanjia.deadline.config.DeadlineConfig;

/**
 * Delivers alerts to subscribed URLs: each alert is POSTed as a CloudEvent in HTTP binary mode, signed with
 * HMAC-SHA256 of the body ({@code X-Wanjia-Signature: sha256=<hex>}), and retried with doubling waits. A
 * delivery is a row written in the same transaction as the step it reports; a pool of senders works through
 * the due rows, so a slow or failing subscriber holds one sender, never the engine or the other subscribers.
 */
@ApplicationScoped
public class WebhookDispatcher {

    public static final String SIGNATURE_HEADER = "X-Wanjia-Signature";
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
    WriteBehind writes;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    private WakeableLoop loop;
    private ExecutorService senders;
    private HttpClient http;

    void onStart(@Observes StartupEvent event) {
        DeadlineConfig.Webhooks settings = config.webhooks();
        http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
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

    /** Queues {@code event} for every active subscription whose area covers the case and whose level it reaches. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(AssistanceCase c, CaseStep step, CloudEvent event) {
        writes.add("""
                INSERT INTO webhook_delivery (subscription_id, step_id, event_id, event_type, payload, status, next_attempt_at)
                SELECT s.id, ?, ?, ?, ?, 'PENDING', ? FROM webhook_subscription s
                WHERE s.active AND ? LIKE s.area_prefix || '%'
                  AND array_position(ARRAY['COMMUNITY','STREET','DISTRICT','CITY'], ?) >= array_position(ARRAY['COMMUNITY','STREET','DISTRICT','CITY'], s.min_level)
                ON CONFLICT (subscription_id, step_id) DO NOTHING""", step.id, event.id(), event.type(), eventBody(event),
                Timestamp.from(clock.instant()), c.districtCode, step.level.name());
        afterCommit.run(WAKE, loop::wake);
    }

    private static String eventBody(CloudEvent event) {
        return "{\"id\":\"" + event.id() + "\",\"source\":\"" + event.source() + "\",\"time\":\"" + event.time() + "\",\"data\":"
                + event.data().toString() + "}";
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

    /** Claims due deliveries by pushing their next attempt past a lease, so no other sender takes them meanwhile. */
    @SuppressWarnings("unchecked")
    private List<Object[]> claimDue() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                UPDATE webhook_delivery d SET next_attempt_at = ?1
                FROM webhook_subscription s
                WHERE s.id = d.subscription_id AND d.id IN (
                    SELECT id FROM webhook_delivery WHERE status = 'PENDING' AND next_attempt_at <= ?2
                    ORDER BY next_attempt_at LIMIT ?3 FOR UPDATE SKIP LOCKED)
                RETURNING d.id, d.attempts, d.event_id, d.event_type, d.payload, s.url, s.secret""")
                .setParameter(1, Timestamp.from(clock.instant().plus(LEASE)))
                .setParameter(2, Timestamp.from(clock.instant()))
                .setParameter(3, config.webhooks().concurrency() * 4)
                .getResultList());
    }

    private void deliver(Object[] row) {
        long id = ((Number) row[0]).longValue();
        int attempts = ((Number) row[1]).intValue() + 1;
        String eventId = (String) row[2];
        String type = (String) row[3];
        String envelope = (String) row[4];
        String url = (String) row[5];
        String secret = (String) row[6];
        Integer status = null;
        String error = null;
        try {
            var parsed = json.readTree(envelope);
            String body = parsed.get("data").toString();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(config.webhooks().timeout())
                    .header("Content-Type", "application/json")
                    .header("ce-specversion", "1.0").header("ce-id", eventId).header("ce-type", type)
                    .header("ce-source", parsed.get("source").asText()).header("ce-time", parsed.get("time").asText())
                    .header(SIGNATURE_HEADER, "sha256=" + sign(secret, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        record(id, attempts, status, error);
    }

    private void record(long id, int attempts, Integer status, String error) {
        Instant now = clock.instant();
        boolean delivered = status != null && status >= 200 && status < 300;
        boolean giveUp = !delivered && attempts >= config.webhooks().maxAttempts();
        Duration wait = config.webhooks().firstRetry().multipliedBy(1L << Math.min(attempts - 1, 20));
        if (wait.compareTo(config.webhooks().maxRetry()) > 0) {
            wait = config.webhooks().maxRetry();
        }
        Instant next = now.plus(wait);
        String state = delivered ? "DELIVERED" : giveUp ? "FAILED" : "PENDING";
        String lastError = error != null ? error : delivered ? null : "HTTP " + status;
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE webhook_delivery SET attempts = ?1, last_status = CAST(?2 AS integer), last_error = CAST(?3 AS text),
                    status = ?4, next_attempt_at = ?5, delivered_at = CAST(?6 AS timestamptz) WHERE id = ?7""")
                .setParameter(1, attempts).setParameter(2, status).setParameter(3, lastError).setParameter(4, state)
                .setParameter(5, Timestamp.from(next)).setParameter(6, delivered ? Timestamp.from(now) : null)
                .setParameter(7, id).executeUpdate());
        metrics.counter("wanjia.webhooks.attempts", "outcome", delivered ? "delivered" : giveUp ? "given-up" : "failed").increment();
        if (!delivered) {
            LOG.debugf("webhook delivery %d attempt %d failed: %s", id, attempts, lastError);
        }
        loop.wake();
    }

    /** The hex HMAC-SHA256 of {@code body} with {@code secret}: what a receiver recomputes to trust an alert. */
    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
