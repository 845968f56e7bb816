package io.wanjia.commons.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class AdjustableClockTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void shouldMoveTimeForwardByTheGivenDuration() {
        AdjustableClock clock = AdjustableClock.adjustable(SHANGHAI);
        Instant before = clock.instant();

        Instant after = clock.advance(Duration.ofDays(10));

        assertThat(Duration.between(before, after)).isBetween(Duration.ofDays(10), Duration.ofDays(10).plusSeconds(5));
    }

    @Test
    void shouldSetAnInstantAndKeepTicking() {
        AdjustableClock clock = AdjustableClock.adjustable(SHANGHAI);
        Instant target = Instant.parse("2006-03-01T00:00:00Z");

        clock.set(target);

        assertThat(clock.instant()).isBetween(target, target.plusSeconds(5));
    }

    @Test
    void shouldShareItsOffsetWithAZonedCopy() {
        AdjustableClock clock = AdjustableClock.adjustable(SHANGHAI);
        var utc = clock.withZone(ZoneId.of("UTC"));

        clock.advance(Duration.ofDays(3));

        assertThat(Duration.between(Instant.now(), utc.instant())).isGreaterThan(Duration.ofDays(3).minusSeconds(5));
        assertThat(utc.getZone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void shouldRefuseToMoveAClockThatFollowsSystemTime() {
        AdjustableClock clock = AdjustableClock.fixedToSystem(SHANGHAI);

        assertThatThrownBy(() -> clock.advance(Duration.ofDays(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> clock.set(Instant.EPOCH)).isInstanceOf(IllegalStateException.class);
        assertThat(clock.isAdjustable()).isFalse();
    }
}
