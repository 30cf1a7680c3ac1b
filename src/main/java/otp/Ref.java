package otp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A unique reference, like Elixir's {@code make_ref()}: identifies a monitor, a pending call or a
 * timer. Two references are equal only if they are the same reference.
 */
public final class Ref {
    private static final AtomicLong COUNTER = new AtomicLong(1);

    final long id;
    /** Set for monitors: the watching process and the watched one (package-internal bookkeeping). */
    final Proc watcher;
    final Proc target;
    /**
     * Set when whoever waited for a reply tagged with this reference gave up (call timeout):
     * a reply arriving later is dropped instead of landing in the caller's mailbox, like OTP's aliases.
     */
    volatile boolean expired;

    Ref(Proc watcher, Proc target) {
        this.id = COUNTER.getAndIncrement();
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
        return Long.hashCode(id);
    }

    @Override public String toString() {
        return "#Reference<0.0.0." + id + ">";
    }
}
