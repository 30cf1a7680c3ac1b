package otp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A process's mailbox: a lock-free multi-producer single-consumer linked queue (Vyukov's design)
 * plus the save queue of selective receive.
 *
 * <p>Senders append with one atomic swap of the tail and never lock. Only the owning process
 * consumes. A message skipped by a selective receive moves to the save queue, which later receives
 * scan first, so the arrival order of every message is kept (the BEAM's save pointer does the same).
 * The owner parks when the queue is empty and senders unpark it only while it is parked.
 *
 * <p>The mailbox object is itself the queue's initial stub node: one allocation fewer per process.
 */
final class Mailbox extends MailboxNode {
    /** Decides whether a message (with its internal tag) is the one a receive is waiting for. */
    @FunctionalInterface
    interface Matcher {
        boolean matches(Object msg, Object tag);
    }

    static final Object CAST = new Object();
    static final Object STOP = new Object();

    private static final VarHandle TAIL;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(Mailbox.class, "tail", MailboxNode.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // updated through TAIL
    private volatile MailboxNode tail = this;
    private MailboxNode head = this;
    private MailboxNode saveHead;
    private MailboxNode saveTail;
    private volatile boolean parked;
    private int saved;
    /** When the current timed wait ends (a System.nanoTime value), or Deadlines.NONE; see {@link Deadlines}. */
    volatile long dueAt = Deadlines.NONE;
    /** Whether the owner is on the deadline sweeper's list (owner thread only). */
    boolean sweeping;
    /** Reused by the owner for every call it makes, so waiting for a reply allocates no matcher. */
    ReplyMatcher replyMatcher;
    /** The call whose reply slot a receive also watches (owner thread only); null outside a call. */
    Ref awaitingReply;

    /** What the last successful receive took out (owner thread only; avoids allocating a result). */
    Object foundMsg;
    Object foundTag;

    void put(Object msg, Object tag, Thread owner) {
        MailboxNode node = new MailboxNode(msg, tag);
        MailboxNode prev = (MailboxNode) TAIL.getAndSet(this, node);
        prev.next = node;
        if (parked) {
            LockSupport.unpark(owner);
        }
    }

    /**
     * Takes the oldest message the matcher accepts, waiting up to timeoutNanos (negative: forever;
     * zero: do not wait). Returns false on timeout. The result is in foundMsg/foundTag.
     */
    boolean receive(Proc self, Matcher matcher, long timeoutNanos) {
        if (self.exitReason != null) {
            self.unwindAfterExit();
        }
        if (saveHead != null && takeSaved(matcher)) {
            return true;
        }
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0L;
        for (;;) {
            MailboxNode h = head;
            MailboxNode n = h.next;
            if (n != null) {
                head = n;
                Object msg = n.msg;
                Object tag = n.tag;
                n.msg = null;
                n.tag = null;
                if (stale(msg, tag)) {
                    continue;
                }
                if (matcher.matches(msg, tag)) {
                    foundMsg = msg;
                    foundTag = tag;
                    return true;
                }
                save(msg, tag);
                continue;
            }
            Ref call = awaitingReply;
            if (call != null && call.reply != null) {
                foundMsg = call.reply;
                foundTag = call;
                return true;
            }
            if (self.exitReason != null) {
                self.unwindAfterExit();
            }
            if (timeoutNanos == 0L || (timeoutNanos > 0L && deadline - System.nanoTime() <= 0L)) {
                return false;
            }
            parked = true;
            // Both volatile: a reply written after this check sees parked and unparks (see wakeForReply).
            if (h.next == null && self.exitReason == null && (call == null || call.reply == null)) {
                if (timeoutNanos < 0L) {
                    LockSupport.park(this);
                } else {
                    // No JDK timer per wait: the deadline sweeper wakes this process if nothing else does.
                    Deadlines.park(self, this, deadline);
                }
            }
            parked = false;
        }
    }

    private boolean takeSaved(Matcher matcher) {
        MailboxNode prev = null;
        for (MailboxNode n = saveHead; n != null; prev = n, n = n.next) {
            boolean stale = stale(n.msg, n.tag);
            if (stale || matcher.matches(n.msg, n.tag)) {
                MailboxNode after = n.next;
                if (prev == null) {
                    saveHead = after;
                } else {
                    prev.next = after;
                }
                if (n == saveTail) {
                    saveTail = prev;
                }
                saved--;
                if (!stale) {
                    foundMsg = n.msg;
                    foundTag = n.tag;
                    return true;
                }
            }
        }
        return false;
    }

    /** A reply nobody waits for any more, or the DOWN of a monitor removed before it arrived. */
    private static boolean stale(Object msg, Object tag) {
        return (tag instanceof Ref ref && ref.expired) || (msg instanceof Down down && down.ref().downCancelled());
    }

    private void save(Object msg, Object tag) {
        MailboxNode node = new MailboxNode(msg, tag);
        if (saveTail == null) {
            saveHead = node;
        } else {
            saveTail.next = node;
        }
        saveTail = node;
        saved++;
    }

    /** Approximate number of waiting messages (may be read from any thread, for processInfo). */
    int size() {
        return size(Integer.MAX_VALUE);
    }

    /** The number of waiting messages, counting no further than limit: the queue is a list walked from its head. */
    int size(int limit) {
        int count = saved;
        for (MailboxNode n = head.next; n != null && count < limit; n = n.next) {
            count++;
        }
        return Math.min(count, limit);
    }

    /** Wakes the owner, waiting in a call, after its reply was put in the call's slot. */
    void wakeForReply(Thread owner) {
        if (parked) {
            LockSupport.unpark(owner);
        }
    }

    boolean isParked() {
        return parked;
    }

    /** Accepts the reply to one call, or the DOWN of the server's monitor for it. */
    static final class ReplyMatcher implements Matcher {
        Ref ref;

        @Override public boolean matches(Object msg, Object tag) {
            return tag == ref || (msg instanceof Down down && down.ref() == ref);
        }
    }
}
