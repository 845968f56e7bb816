package io.wanjia.commons.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The platform's clock: the system clock in the configured zone, shifted by an offset that only a clock
 * made {@linkplain #adjustable(ZoneId) adjustable} lets anyone move. Tests and the end-to-end suite move
 * time with it; production refuses to build one (see {@link ClockProducer}).
 */
public final class AdjustableClock extends Clock {

    private final ZoneId zone;
    private final boolean adjustable;
    private final AtomicReference<Duration> offset;
    private final List<Runnable> listeners;

    private AdjustableClock(ZoneId zone, boolean adjustable, AtomicReference<Duration> offset, List<Runnable> listeners) {
        this.zone = zone;
        this.adjustable = adjustable;
        this.offset = offset;
        this.listeners = listeners;
    }

    /** The system clock in {@code zone}; {@link #advance} and {@link #set} throw. */
    public static AdjustableClock fixedToSystem(ZoneId zone) {
        return new AdjustableClock(zone, false, new AtomicReference<>(Duration.ZERO), new CopyOnWriteArrayList<>());
    }

    /** A clock that starts at system time in {@code zone} and can be moved. */
    public static AdjustableClock adjustable(ZoneId zone) {
        return new AdjustableClock(zone, true, new AtomicReference<>(Duration.ZERO), new CopyOnWriteArrayList<>());
    }

    /** Whether time can be moved. */
    public boolean isAdjustable() {
        return adjustable;
    }

    /** Moves time forward (or back, with a negative duration) and returns the new instant. */
    public Instant advance(Duration by) {
        requireAdjustable();
        offset.accumulateAndGet(by, Duration::plus);
        listeners.forEach(Runnable::run);
        return instant();
    }

    /** Moves time to {@code instant}. */
    public Instant set(Instant instant) {
        requireAdjustable();
        offset.set(Duration.between(Instant.now(), instant));
        listeners.forEach(Runnable::run);
        return instant();
    }

    /** Calls {@code listener} after every move, so a component sleeping until a due time can wake up. */
    public void onMove(Runnable listener) {
        listeners.add(listener);
    }

    /** The current shift from system time. */
    public Duration offset() {
        return offset.get();
    }

    private void requireAdjustable() {
        if (!adjustable) {
            throw new IllegalStateException("this clock follows system time; set wanjia.clock.adjustable=true outside prod to move it");
        }
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new AdjustableClock(newZone, adjustable, offset, listeners);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}
