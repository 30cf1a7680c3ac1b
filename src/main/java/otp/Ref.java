package otp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A unique reference, like Elixir's {@code make_ref()}: identifies a monitor, a pending call or a
 * timer. Two references are equal only if they are the same reference.
 */
public final class Ref {
    private static final AtomicLong COUNTER = new AtomicLong(1);
    private static final VarHandle ID;

    static {
        try {
            ID = MethodHandles.lookup().findVarHandle(Ref.class, "id", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Drawn only when the reference is printed: a call makes a reference per round trip, and taking
     * a number from one shared counter each time would make every core contend for it.
     */
    @SuppressWarnings("unused") // read and set through ID
    private volatile long id;
    /** Set for monitors: the watching process and the watched one (package-internal bookkeeping). */
    final Proc watcher;
    final Proc target;
    /**
     * Set when whoever waited for a reply tagged with this reference gave up (call timeout):
     * a reply arriving later is dropped instead of landing in the caller's mailbox, like OTP's aliases.
     */
    volatile boolean expired;

    Ref(Proc watcher, Proc target) {
        this.watcher = watcher;
        this.target = target;
    }

    /** A fresh reference (Elixir's {@code make_ref()}). */
    public static Ref make() {
        return new Ref(null, null);
    }

    @Override public boolean equals(Object other) {
        return other == this;
    }

    @Override public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override public String toString() {
        long number = id;
        if (number == 0L) {
            ID.compareAndSet(this, 0L, COUNTER.getAndIncrement());
            number = id;
        }
        return "#Reference<0.0.0." + number + ">";
    }
}
