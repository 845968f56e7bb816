package io.wanjia.deadline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The receiver's check of an alert's signature: the body and its time, signed together, within five minutes. */
class WebhookSignatureTest {

    private static final String SECRET = "a-long-shared-secret-for-tests";
    private static final String BODY = "{\"level\":\"CITY\",\"area\":\"2101\"}";
    private static final Instant SENT = Instant.parse("2026-12-01T02:00:00Z");

    private final String header = WebhookSignature.header(SECRET, SENT.getEpochSecond(), BODY);

    @Test
    void shouldSignTheTimeWithTheBody() {
        // HMAC-SHA256 of "1796090400." + BODY, computed apart: printf '1796090400.<body>' | openssl dgst -sha256 -hmac <secret>.
        assertThat(header).isEqualTo("t=1796090400,v1=86a1a0457e5b6d0d0c9dd9769c2e2b1f1393eca302ef0c61eeb1a3450d68c3e4");
    }

    @Test
    void shouldAcceptTheAlertWithinFiveMinutesOfItsTime() {
        assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT, WebhookSignature.TOLERANCE)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT.plus(Duration.ofMinutes(5)), WebhookSignature.TOLERANCE)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT.minus(Duration.ofMinutes(5)), WebhookSignature.TOLERANCE)).isTrue();
    }

    @Test
    void shouldRefuseTheSameAlertReplayedLater() {
        assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT.plus(Duration.ofMinutes(6)), WebhookSignature.TOLERANCE)).isFalse();
    }

    @Test
    void shouldRefuseAReplayWhoseTimeWasMovedForward() {
        String moved = header.replace("t=1796090400", "t=1796090760");

        assertThat(WebhookSignature.verify(SECRET, moved, BODY, SENT.plus(Duration.ofMinutes(6)), WebhookSignature.TOLERANCE)).isFalse();
    }

    @Test
    void shouldRefuseAChangedBodyAnotherSecretAndAMalformedHeader() {
        assertThat(WebhookSignature.verify(SECRET, header, BODY.replace("CITY", "STREET"), SENT, WebhookSignature.TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify("another-secret-of-sixteen", header, BODY, SENT, WebhookSignature.TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "sha256=" + header.substring(header.indexOf("v1=") + 3), BODY, SENT,
                WebhookSignature.TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, null, BODY, SENT, WebhookSignature.TOLERANCE)).isFalse();
    }
}
