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
    private static final VarHandle DOWN_STATE;
    /** A monitor's DOWN: not sent, being sent by the exiting target, in the watcher's mailbox, or cancelled. */
    private static final int ACTIVE = 0;
    private static final int FIRING = 1;
    private static final int DELIVERED = 2;
    private static final int CANCELLED = 3;

    static {
        try {
            ID = MethodHandles.lookup().findVarHandle(Ref.class, "id", long.class);
            DOWN_STATE = MethodHandles.lookup().findVarHandle(Ref.class, "downState", int.class);
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
    /**
     * Where this monitor's DOWN stands. Sending a message and deciding that it was sent cannot be
     * one atomic step, so the exiting target claims the DOWN (FIRING) before it sends it and marks
     * it DELIVERED after; a demonitor that comes in between marks it CANCELLED and the watcher's
     * mailbox drops it, which is Erlang's guarantee that no DOWN arrives once demonitor returned.
     */
    @SuppressWarnings("unused") // read and set through DOWN_STATE
    private volatile int downState;
    /**
     * A call's reply slot: the server writes the reply here instead of queueing it in the caller's
     * mailbox, so the waiting caller reads one field rather than scanning its queue; null until
     * answered ({@link #NULL_REPLY} stands for a null reply).
     */
    volatile Object reply;

    static final Object NULL_REPLY = new Object();

    Ref(Proc watcher, Proc target) {
        this.watcher = watcher;
        this.target = target;
    }

    /** A fresh reference (Elixir's {@code make_ref()}). */
    public static Ref make() {
        return new Ref(null, null);
    }

    /** The target claims the right to send this monitor's DOWN; false when it was cancelled first. */
    boolean startFiring() {
        return DOWN_STATE.compareAndSet(this, ACTIVE, FIRING);
    }

    /** The DOWN is in the watcher's mailbox (unless a demonitor cancelled it while it was on its way). */
    void delivered() {
        DOWN_STATE.compareAndSet(this, FIRING, DELIVERED);
    }

    /** Cancels a DOWN not yet delivered; false when it is already in the watcher's mailbox. */
    boolean cancelDown() {
        for (;;) {
            int state = downState;
            if (state == DELIVERED) {
                return false;
            }
            if (state == CANCELLED || DOWN_STATE.compareAndSet(this, state, CANCELLED)) {
                return true;
            }
        }
    }

    boolean downCancelled() {
        return downState == CANCELLED;
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
