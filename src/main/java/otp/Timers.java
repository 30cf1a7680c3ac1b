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
    private static final ConcurrentHashMap<Ref, ScheduledFuture<?>> PENDING = new ConcurrentHashMap<>();

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
        PENDING.put(ref, CLOCK.schedule(() -> {
            if (PENDING.remove(ref) != null) {
                Proc target = Resolve.proc(dest);
                if (target != null) {
                    target.send(msg, null);
                }
            }
        }, ms, TimeUnit.MILLISECONDS));
        return ref;
    }

    public static Ref sendAfter(String name, Object msg, long ms) {
        return sendAfter(new Name(name), msg, ms);
    }

    /** Cancels the timer; returns the milliseconds it had left, or empty if it already fired or was cancelled. */
    public static OptionalLong cancelTimer(Ref ref) {
        ScheduledFuture<?> future = PENDING.remove(Objects.requireNonNull(ref, "ref must not be null"));
        if (future == null || !future.cancel(false)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, future.getDelay(TimeUnit.MILLISECONDS)));
    }

    /** The milliseconds left on a timer, or empty if it already fired or was cancelled. */
    public static OptionalLong readTimer(Ref ref) {
        ScheduledFuture<?> future = PENDING.get(Objects.requireNonNull(ref, "ref must not be null"));
        return future == null ? OptionalLong.empty() : OptionalLong.of(Math.max(0, future.getDelay(TimeUnit.MILLISECONDS)));
    }
}
