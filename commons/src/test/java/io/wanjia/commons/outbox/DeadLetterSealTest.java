package io.wanjia.commons.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import org.junit.jupiter.api.Test;

/** A sealed dead-letter copy gives back its bytes under its key, and nothing under another key or once altered. */
class DeadLetterSealTest {

    private static final String KEY = "dGVzdC1rZXktZGVhZC1sZXR0ZXJzLXRlc3Qta2V5LTE=";
    private static final String OTHER_KEY = "b3RoZXIta2V5LWRlYWQtbGV0dGVycy10ZXN0LWtleTE=";
    private final byte[] report = "{\"nationalId\":\"21010219800101123X\"}\u0000".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldGiveBackTheBytesItSealedAndHideThem() throws GeneralSecurityException {
        DeadLetterSeal seal = new DeadLetterSeal(KEY);

        byte[] sealed = seal.seal(report);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("21010219800101123X");
        assertThat(seal.seal(report)).as("a fresh IV each time").isNotEqualTo(sealed);
        assertThat(seal.open(sealed)).isEqualTo(report);
        assertThat(seal.seal(null)).isNull();
    }

    @Test
    void shouldRefuseACopyAlteredOrSealedUnderAnotherKey() {
        byte[] sealed = new DeadLetterSeal(KEY).seal(report);
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;

        assertThatThrownBy(() -> new DeadLetterSeal(KEY).open(altered)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> new DeadLetterSeal(OTHER_KEY).open(sealed)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void shouldRefuseAKeyThatIsNot32Bytes() {
        assertThatThrownBy(() -> new DeadLetterSeal("c2hvcnQ=")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes");
    }
}
