package io.wanjia.deadline.service;

import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

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
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.jdbc.SqlValues;
import io.wanjia.commons.time.AdjustableClock;
import io.wanjia.commons.tx.AfterCommit;
import io.wanjia.commons.tx.WriteBehind;
import io.wanjia.commons.worker.WakeableLoop;
import io.wanjia.deadline.AssistanceCase;
import io.wanjia.deadline.CaseStep;
import io.wanjia.deadline.config.DeadlineConfig;
import io.wanjia.deadline.domain.DeliveryFailure;
import io.wanjia.deadline.domain.WebhookSignature;

/**
 * Delivers alerts to subscribed URLs: each alert is POSTed as a CloudEvent in HTTP binary mode, signed with a timestamp
 * ({@link WebhookSignature}), and retried with doubling waits. Before every attempt the URL is checked again
 * ({@link WebhookTargets}: its host may resolve elsewhere by now) and the request goes to the address checked, never to
 * a second lookup; redirects are not followed. The log keeps the status code or a fixed description
 * ({@link DeliveryFailure}), nothing the subscriber sent. A delivery is a row written in the same transaction as the
 * step it reports; a pool of senders works through the due rows, so a slow or failing subscriber holds one sender,
 * never the engine or the other subscribers.
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
    WriteBehind writes;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;
    @Inject
    WebhookTargets targets;
    @Inject
    WebhookSecrets secrets;
    @Inject
    Vertx vertx;

    private WakeableLoop loop;
    private ExecutorService senders;
    private HttpClient http;

    void onStart(@Observes StartupEvent event) {
        DeadlineConfig.Webhooks settings = config.webhooks();
        // One request per connection: nothing is pooled towards an address that was checked for an earlier attempt.
        http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) settings.timeout().toMillis())
                .setKeepAlive(false).setVerifyHost(true));
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
            http.close();
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
                  AND s.secret_sealed IS NOT NULL
                RETURNING d.id, d.attempts, d.event_id, d.event_type, d.payload, s.url, s.id, s.secret_sealed""")
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
        UUID subscription = (UUID) row[6];
        byte[] sealedSecret = (byte[]) row[7];
        Integer status = null;
        String error = null;
        try {
            WebhookTargets.Target target = targets.check(url);
            var parsed = json.readTree(envelope);
            String body = parsed.get("data").toString();
            String signature = WebhookSignature.header(secrets.open(subscription, sealedSecret), clock.instant().getEpochSecond(), body);
            RequestOptions request = request(target).putHeader("Content-Type", "application/json")
                    .putHeader("ce-specversion", "1.0").putHeader("ce-id", eventId).putHeader("ce-type", type)
                    .putHeader("ce-source", parsed.get("source").asText()).putHeader("ce-time", parsed.get("time").asText())
                    .putHeader(WebhookSignature.HEADER, signature);
            status = send(request, body);
        } catch (WebhookTargets.RefusedTarget refused) {
            error = DeliveryFailure.refused(refused.refusal());
        } catch (Exception e) {
            error = failureOf(e).description();
        }
        record(id, attempts, status, error);
    }

    /** A POST to the checked address, with the URL's host for {@code Host}, SNI and certificate checks. */
    private RequestOptions request(WebhookTargets.Target target) {
        URI url = target.url();
        boolean tls = url.getScheme().equalsIgnoreCase("https");
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        return new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setURI(path).setSsl(tls)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(target.address(), port)))
                .setFollowRedirects(false).setIdleTimeout(config.webhooks().timeout().toMillis());
    }

    /** Sends and returns the status; the answer's body is never read, the connection is closed once the status is in. */
    private int send(RequestOptions options, String body) throws Exception {
        Duration timeout = config.webhooks().timeout();
        HttpClientRequest[] sent = new HttpClientRequest[1];
        var status = http.request(options).compose(request -> {
            sent[0] = request;
            // A broken answer fails the future (and is logged in fixed words); unhandled, Vert.x would log its text too.
            request.connection().exceptionHandler(ignored -> { });
            return request.send(Buffer.buffer(body)).map(response -> {
                response.exceptionHandler(ignored -> { });
                request.connection().close();
                return response.statusCode();
            });
        }).toCompletionStage().toCompletableFuture();
        try {
            return status.get(timeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (sent[0] != null) {
                sent[0].reset();
            }
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The fixed words for what went wrong; the exception's message (which may quote the subscriber) is never used. */
    static DeliveryFailure failureOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String name = cause.getClass().getName();
            if (cause instanceof java.net.ConnectException || name.endsWith("ConnectTimeoutException")) {
                return DeliveryFailure.NOT_CONNECTED;
            }
            if (cause instanceof TimeoutException || name.contains("Timeout")) {
                return DeliveryFailure.TIMEOUT;
            }
            if (cause instanceof SSLException) {
                return DeliveryFailure.TLS;
            }
            if (name.startsWith("io.netty.handler.codec") || cause instanceof NumberFormatException
                    || cause instanceof IllegalArgumentException) {
                return DeliveryFailure.NOT_HTTP;
            }
            if (name.endsWith("HttpClosedException") || cause instanceof java.nio.channels.ClosedChannelException) {
                return DeliveryFailure.CLOSED;
            }
        }
        return DeliveryFailure.OTHER;
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
        String lastError = error != null ? error : delivered ? null : DeliveryFailure.ofStatus(status);
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
}
