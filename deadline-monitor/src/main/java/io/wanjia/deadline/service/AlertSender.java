package io.wanjia.deadline.service;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.mail.SMTPException;
import io.wanjia.contracts.Divisions;
import io.wanjia.deadline.config.DeadlineConfig;
import io.wanjia.deadline.domain.AlertMessage;
import io.wanjia.deadline.domain.AlertTexts;
import io.wanjia.deadline.domain.DeliveryFailure;
import io.wanjia.deadline.domain.DingTalkSignature;
import io.wanjia.deadline.domain.Level;
import io.wanjia.deadline.domain.RobotAnswer;
import io.wanjia.deadline.domain.RobotUrl;
import io.wanjia.deadline.domain.SubscriptionKind;
import io.wanjia.deadline.domain.Target;
import io.wanjia.deadline.domain.WebhookSignature;

/**
 * Makes one attempt at one delivery, by its subscription's kind: a WEBHOOK gets the CloudEvent in HTTP binary mode,
 * signed ({@link WebhookSignature}); a WECOM or DINGTALK robot a markdown message (DingTalk's URL signed with
 * {@link DingTalkSignature}), judged by the errcode it answers ({@link RobotAnswer}); EMAIL a plain-text message through
 * the configured mail server. The words are {@link AlertTexts}'. Every URL is checked again before the attempt
 * ({@link WebhookTargets}: its host may resolve elsewhere by now) and the request goes to the address checked, never to
 * a second lookup; redirects are not followed. What goes wrong is said in fixed words ({@link DeliveryFailure}); of what
 * a receiver sends back only a status, a robot's errcode or a mail server's reply code is kept.
 */
@ApplicationScoped
public class AlertSender {

    /** A robot's answer is a short JSON object; anything longer is not one. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    /** One delivery of one alert to one subscription, as claimed from the outbox. */
    public record Delivery(long id, int attempt, SubscriptionKind kind, UUID subscription, String url, String recipients,
            byte[] sealedSecret, byte[] sealedToken, String eventId, String eventType, String envelope) {
    }

    /** How an attempt went: delivered, failed (retried on the schedule) or refused for good (given up at once). */
    public record Attempt(boolean delivered, boolean givenUp, Integer status, String error) {

        static Attempt delivered(Integer status) {
            return new Attempt(true, false, status, null);
        }

        static Attempt failed(Integer status, String error) {
            return new Attempt(false, false, status, error);
        }

        static Attempt refused(Integer status, String error) {
            return new Attempt(false, true, status, error);
        }

        /** An HTTP answer judged by its status alone. */
        static Attempt answered(int status) {
            return status >= 200 && status < 300 ? delivered(status) : failed(status, DeliveryFailure.ofStatus(status));
        }
    }

    /** What a receiver answered: the status, and the body when it was read. */
    private record Answer(int status, Buffer body) {
    }

    @Inject
    Clock clock;
    @Inject
    DeadlineConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    WebhookTargets targets;
    @Inject
    WebhookSecrets secrets;
    @Inject
    ReactiveMailer mailer;
    @Inject
    Vertx vertx;

    private final Map<String, String> districtNames = Divisions.load();
    private HttpClient http;

    @PostConstruct
    void open() {
        // One request per connection: nothing is pooled towards an address that was checked for an earlier attempt.
        http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) config.webhooks().timeout().toMillis())
                .setKeepAlive(false).setVerifyHost(true));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** Attempts {@code delivery} once. */
    public Attempt send(Delivery delivery) {
        try {
            return switch (delivery.kind()) {
                case WEBHOOK -> webhook(delivery);
                case WECOM, DINGTALK -> robot(delivery);
                case EMAIL -> mail(delivery);
            };
        } catch (WebhookTargets.RefusedTarget refused) {
            return Attempt.failed(null, DeliveryFailure.refused(refused.refusal()));
        } catch (Exception e) {
            return Attempt.failed(null, failureOf(e).description());
        }
    }

    private Attempt webhook(Delivery d) throws Exception {
        WebhookTargets.Target target = targets.check(d.url());
        JsonNode envelope = json.readTree(d.envelope());
        String body = envelope.get("data").toString();
        String signature = WebhookSignature.header(secrets.open(d.subscription(), d.sealedSecret()), clock.instant().getEpochSecond(), body);
        RequestOptions request = request(target).putHeader("Content-Type", "application/json")
                .putHeader("ce-specversion", "1.0").putHeader("ce-id", d.eventId()).putHeader("ce-type", d.eventType())
                .putHeader("ce-source", envelope.get("source").asText()).putHeader("ce-time", envelope.get("time").asText())
                .putHeader(WebhookSignature.HEADER, signature);
        return Attempt.answered(send(request, body, false).status());
    }

    private Attempt robot(Delivery d) throws Exception {
        AlertMessage message = message(d);
        RobotUrl robot = RobotUrl.of(d.kind(), d.url(), secrets.openToken(d.subscription(), d.sealedToken()));
        ObjectNode body = json.createObjectNode().put("msgtype", "markdown");
        String signed = "";
        if (d.kind() == SubscriptionKind.WECOM) {
            body.putObject("markdown").put("content", AlertTexts.weComMarkdown(message));
        } else {
            long timestamp = clock.millis();
            signed = "&timestamp=" + timestamp + "&sign=" + DingTalkSignature.sign(secrets.open(d.subscription(), d.sealedSecret()), timestamp);
            body.putObject("markdown").put("title", AlertTexts.subject(message)).put("text", AlertTexts.dingTalkMarkdown(message));
        }
        WebhookTargets.Target target = targets.check(robot.withToken(signed));
        if (!robot.atVendor() && !targets.allowed(target.address())) {
            // The relay was admitted for its address; the token, the signature and the alert go nowhere else.
            return Attempt.refused(null, DeliveryFailure.RELAY_OUTSIDE.description());
        }
        Answer answer = send(request(target).putHeader("Content-Type", "application/json; charset=utf-8"), body.toString(), true);
        if (answer.status() < 200 || answer.status() >= 300) {
            return Attempt.answered(answer.status());
        }
        Integer errcode = errcode(answer.body());
        return switch (RobotAnswer.of(d.kind(), errcode)) {
            case DELIVERED -> Attempt.delivered(answer.status());
            case RETRY -> Attempt.failed(answer.status(), errcode == null ? DeliveryFailure.NOT_A_ROBOT.description()
                    : DeliveryFailure.ofErrcode(errcode, false));
            case GIVE_UP -> Attempt.refused(answer.status(), DeliveryFailure.ofErrcode(errcode, true));
        };
    }

    /** The {@code errcode} of a robot's answer; null when the body is no JSON object with an integer errcode. */
    private Integer errcode(Buffer body) {
        if (body == null) {
            return null;
        }
        try {
            JsonNode answer = json.readTree(body.getBytes());
            return answer != null && answer.path("errcode").isIntegralNumber() ? answer.get("errcode").intValue() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Attempt mail(Delivery d) throws Exception {
        AlertMessage message = message(d);
        Mail mail = new Mail().setTo(List.of(d.recipients().split(","))).setSubject(AlertTexts.subject(message))
                .setText(AlertTexts.mailText(message)).addHeader("X-Wanjia-Event-Id", d.eventId());
        try {
            mailer.send(mail).await().atMost(config.webhooks().timeout().multipliedBy(2));
            return Attempt.delivered(null);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof SMTPException reply) {
                    // RFC 5321: a 5xx reply will not change by sending the same again; a 4xx is worth another try.
                    String error = DeliveryFailure.ofSmtpReply(reply.getReplyCode());
                    return reply.getReplyCode() >= 500 ? Attempt.refused(null, error) : Attempt.failed(null, error);
                }
            }
            throw e;
        }
    }

    /** What the alert says, from the event it reports and the facts {@code WebhookDispatcher.enqueue} added. */
    private AlertMessage message(Delivery d) throws IOException {
        JsonNode envelope = json.readTree(d.envelope());
        JsonNode data = envelope.get("data");
        JsonNode alert = envelope.path("alert");
        String district = data.get("districtCode").asText();
        return new AlertMessage(Level.valueOf(data.get("level").asText()), district, districtNames.getOrDefault(district, district),
                AlertMessage.householdRef(UUID.fromString(data.get("householdId").asText())), data.get("day").asInt(),
                alert.hasNonNull("daysLeft") ? alert.get("daysLeft").asLong() : null,
                alert.hasNonNull("lastDay") ? LocalDate.parse(alert.get("lastDay").asText()) : null,
                d.eventType().endsWith(".deadline-breached.v1"),
                data.hasNonNull("target") ? Target.valueOf(data.get("target").asText()) : Target.HOUSEHOLD,
                data.hasNonNull("identificationStage") ? data.get("identificationStage").asText() : null,
                AlertMessage.caseLink(config.consoleUrl(), UUID.fromString(data.get("caseId").asText())));
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

    /**
     * Sends and returns the status, and with {@code readBody} the answer's body (a robot's errcode is in it; a body over
     * 64 KiB is not read). A webhook's body is never read: the connection is closed once the status is in.
     */
    private Answer send(RequestOptions options, String body, boolean readBody) throws Exception {
        Duration timeout = config.webhooks().timeout();
        HttpClientRequest[] sent = new HttpClientRequest[1];
        var answer = http.request(options).compose(request -> {
            sent[0] = request;
            // A broken answer fails the future (and is logged in fixed words); unhandled, Vert.x would log its text too.
            request.connection().exceptionHandler(ignored -> { });
            return request.send(Buffer.buffer(body)).compose(response -> {
                if (!readBody) {
                    response.exceptionHandler(ignored -> { });
                    request.connection().close();
                    return Future.succeededFuture(new Answer(response.statusCode(), null));
                }
                Promise<Answer> read = Promise.promise();
                Buffer collected = Buffer.buffer();
                response.exceptionHandler(read::tryFail);
                response.handler(chunk -> {
                    if (collected.length() + chunk.length() > MAX_ANSWER_BYTES) {
                        read.tryComplete(new Answer(response.statusCode(), null));
                        request.connection().close();
                    } else {
                        collected.appendBuffer(chunk);
                    }
                });
                response.endHandler(done -> {
                    read.tryComplete(new Answer(response.statusCode(), collected));
                    request.connection().close();
                });
                return read.future();
            });
        }).toCompletionStage().toCompletableFuture();
        try {
            return answer.get(timeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (sent[0] != null) {
                sent[0].reset();
            }
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The fixed words for what went wrong; the exception's message (which may quote the receiver) is never used. */
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
}
