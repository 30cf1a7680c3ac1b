package otp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes processes whose timed receive ran out, so a timed wait can park without a timeout.
 *
 * <p>A virtual thread that parks with a timeout arms a timer in the JDK's scheduler and cancels it
 * when it wakes; for a call that is answered within a microsecond, that timer was about half the
 * round trip. Here a waiting process only writes its deadline into its mailbox and parks. One
 * daemon thread sleeps until the earliest deadline it knows of, wakes the processes that are due
 * and goes back to sleep. It is woken early only when a wait starts whose deadline is earlier than
 * its next wake-up, which for calls with the same timeout (5 s by default) almost never happens.
 *
 * <p>A process joins the sweeper's list on its first timed wait and leaves it once it has exited.
 */
final class Deadlines {
    /** A mailbox's deadline while it is not in a timed wait (and the sweeper's "nothing to wake"). */
    static final long NONE = Long.MAX_VALUE;

    private static final VarHandle NEXT_WAKE;
    private static final VarHandle DUE_AT;
    private static final ConcurrentLinkedQueue<Proc> WAITERS = new ConcurrentLinkedQueue<>();
    private static final Thread SWEEPER;

    @SuppressWarnings("unused") // read and set through NEXT_WAKE
    private static volatile long nextWake = NONE;

    static {
        try {
            NEXT_WAKE = MethodHandles.lookup().findStaticVarHandle(Deadlines.class, "nextWake", long.class);
            DUE_AT = MethodHandles.lookup().findVarHandle(Mailbox.class, "dueAt", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        SWEEPER = Thread.ofPlatform().daemon().name("otp-deadlines").unstarted(Deadlines::sweep);
        SWEEPER.start();
    }

    private Deadlines() {
    }

    /** Parks the owner of box until it is unparked or deadline (a System.nanoTime value) passes. */
    static void park(Proc self, Mailbox box, long deadline) {
        if (!box.sweeping) {
            box.sweeping = true;
            WAITERS.add(self);
        }
        box.dueAt = deadline;
        if (lowerNextWake(deadline)) {
            LockSupport.unpark(SWEEPER);
        }
        LockSupport.park(box);
        box.dueAt = NONE;
    }

    private static boolean lowerNextWake(long deadline) {
        for (;;) {
            long wake = nextWake;
            if (deadline >= wake) {
                return false;
            }
            if (NEXT_WAKE.compareAndSet(wake, deadline)) {
                return true;
            }
        }
    }

    private static void sweep() {
        for (;;) {
            nextWake = NONE;
            long now = System.nanoTime();
            long earliest = NONE;
            for (Iterator<Proc> it = WAITERS.iterator(); it.hasNext();) {
                Proc proc = it.next();
                if (proc.exitReason != null) {
                    it.remove();
                    continue;
                }
                Mailbox box = proc.mailbox;
                long deadline = box.dueAt;
                if (deadline <= now) {
                    if (deadline != NONE && DUE_AT.compareAndSet(box, deadline, NONE)) {
                        LockSupport.unpark(proc.thread);
                    }
                } else if (deadline < earliest) {
                    earliest = deadline;
                }
            }
            lowerNextWake(earliest);
            long wake = nextWake;
            if (wake == NONE) {
                LockSupport.park(Deadlines.class);
            } else {
                long wait = wake - System.nanoTime();
                if (wait > 0L) {
                    LockSupport.parkNanos(Deadlines.class, wait);
                }
            }
        }
    }
}
