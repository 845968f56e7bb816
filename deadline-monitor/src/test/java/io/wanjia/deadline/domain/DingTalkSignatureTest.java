package io.wanjia.deadline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** 加签 as DingTalk's custom-robot documentation defines it: URL-encoded Base64 of HmacSHA256(secret, timestamp + "\n" + secret). */
class DingTalkSignatureTest {

    private static final String SECRET = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";

    @Test
    void shouldSignTheTimestampAndSecretAsDingTalkChecksIt() {
        // Computed apart from this code: Python's hmac, base64 and urllib.parse.quote_plus.
        assertThat(DingTalkSignature.sign(SECRET, 1767225600000L)).isEqualTo("elNlH%2Fj9MP9GdKD1se81sVxFiezddJFLiCyfUMsNVjY%3D");
    }

    @Test
    void shouldSignEveryMillisecondDifferently() {
        assertThat(DingTalkSignature.sign(SECRET, 1767225600001L)).isNotEqualTo(DingTalkSignature.sign(SECRET, 1767225600000L));
    }
}
