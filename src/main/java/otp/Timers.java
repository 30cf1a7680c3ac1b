package otp;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Elixir's {@code Process.send_after/3} and {@code Process.cancel_timer/1}: deliver a message later.
 * One daemon thread keeps the clock; a name is looked up when the timer fires, and a message for a
 * process that is gone by then is dropped.
 */
public final class Timers {
    private static final ScheduledThreadPoolExecutor CLOCK = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "otp-timers");
        thread.setDaemon(true);
        return thread;
    });
    private static final ConcurrentHashMap<Ref, Timer> PENDING = new ConcurrentHashMap<>();

    static {
        // A cancelled timer leaves the clock's queue at once, and with it the message it held.
        CLOCK.setRemoveOnCancelPolicy(true);
    }

    /**
     * A timer is pending while it is in PENDING: firing and cancelling both remove it, and only the
     * one that removes it acts. It is registered before it is scheduled, so a timer that fires at
     * once (0 ms, or a busy clock thread) still finds itself registered and sends its message.
     */
    private static final class Timer {
        final long dueAt;
        volatile ScheduledFuture<?> future;

        Timer(long dueAt) {
            this.dueAt = dueAt;
        }

        long msLeft() {
            return Math.max(0L, TimeUnit.NANOSECONDS.toMillis(dueAt - System.nanoTime()));
        }
    }

    static {
        CLOCK.setRemoveOnCancelPolicy(true);
    }

    private Timers() {
    }

    public static Ref sendAfter(ServerRef dest, Object msg, long ms) {
        Objects.requireNonNull(dest, "dest must not be null");
        Objects.requireNonNull(msg, "msg must not be null");
        if (ms < 0) {
            throw new IllegalArgumentException("a timer needs 0 or more milliseconds, got " + ms);
        }
        Ref ref = Ref.make();
        Timer timer = new Timer(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms));
        PENDING.put(ref, timer);
        timer.future = CLOCK.schedule(() -> {
            if (PENDING.remove(ref, timer)) {
                Proc target = Resolve.proc(dest);
                if (target != null) {
                    target.send(msg, null);
                }
            }
        }, ms, TimeUnit.MILLISECONDS);
        return ref;
    }

    public static Ref sendAfter(String name, Object msg, long ms) {
        return sendAfter(new Name(name), msg, ms);
    }

    /** Cancels the timer; returns the milliseconds it had left, or empty if it already fired or was cancelled. */
    public static OptionalLong cancelTimer(Ref ref) {
        Timer timer = PENDING.remove(Objects.requireNonNull(ref, "ref must not be null"));
        if (timer == null) {
            return OptionalLong.empty();
        }
        ScheduledFuture<?> future = timer.future;
        if (future != null) {
            future.cancel(false);
        }
        return OptionalLong.of(timer.msLeft());
    }

    /** The milliseconds left on a timer, or empty if it already fired or was cancelled. */
    public static OptionalLong readTimer(Ref ref) {
        Timer timer = PENDING.get(Objects.requireNonNull(ref, "ref must not be null"));
        return timer == null ? OptionalLong.empty() : OptionalLong.of(timer.msLeft());
    }

    /** Cancels every pending timer, for {@link NodeTables#clear()}: none fires into the restarted node. */
    static void clear() {
        for (Ref ref : PENDING.keySet()) {
            cancelTimer(ref);
        }
    }
}
