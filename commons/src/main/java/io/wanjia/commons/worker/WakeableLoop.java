package io.wanjia.commons.worker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;

import io.wanjia.commons.problem.Redaction;

/**
 * A background thread that runs a step, then sleeps for as long as the step asks or until woken; failures
 * back off exponentially. The outbox relay, the escalation engine and the webhook dispatcher run on it.
 */
public final class WakeableLoop {

    private static final Logger LOG = Logger.getLogger(WakeableLoop.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    /** One pass of work; returns how long to sleep before the next pass unless woken ({@code ZERO}: go on at once). */
    @FunctionalInterface
    public interface Step {
        Duration run() throws Exception;
    }

    private final String name;
    private final Step step;
    private final Duration maxBackoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean wakeRequested;
    private volatile boolean running;
    private Thread thread;

    public WakeableLoop(String name, Step step, Duration maxBackoff) {
        this.name = name;
        this.step = step;
        this.maxBackoff = maxBackoff;
    }

    /** Starts the thread (again after {@link #stop()}). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread and waits for the pass under way to end. */
    public synchronized void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            wake();
            try {
                current.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    /** Whether the thread runs. */
    public boolean isRunning() {
        return running;
    }

    /** Ends the current sleep now. */
    public void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            Duration sleep;
            try {
                sleep = step.run();
                backoff = FIRST_BACKOFF;
            } catch (Exception e) {
                LOG.warnf("%s failed, retrying in %d ms: %s", name, backoff.toMillis(), Redaction.mask(e.toString()));
                sleep = backoff;
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
            if (!sleep.isZero() && !sleep.isNegative()) {
                sleep(sleep);
            }
        }
    }

    private void sleep(Duration timeout) {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (!wakeRequested && running && nanos > 0) {
                nanos = woken.awaitNanos(nanos);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
