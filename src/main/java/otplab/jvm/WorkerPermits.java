package otplab.jvm;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The machine's budget of live workers ({@link WorkerSettings#maxWorkers()}), shared by every
 * client of the floor: a notebook session or a one-shot run holds a permit for its worker, a
 * grading for its own. Without a free permit a caller waits at most {@link
 * WorkerSettings#queueWait()} in its learner's line, and freed permits go round-robin across the
 * learners' lines: one learner with ten runs waiting does not make another wait behind all ten.
 */
public final class WorkerPermits {
    /** How often a waiter looks again: its place may have changed, and the next in line retries freeing a permit. */
    private static final long RECHECK_MS = 1000;

    private final int max;
    private final Duration queueWait;
    /** Learners with runs waiting, in the order of their next turn; each line first come, first served. */
    private final Map<String, Deque<Waiter>> lines = new LinkedHashMap<>();
    private final AtomicLong anonymous = new AtomicLong();
    private int free;
    private int queued;
    private volatile BooleanSupplier freeOne = () -> false;

    private static final class Waiter {
        boolean granted;
    }

    WorkerPermits(WorkerSettings settings) {
        this.max = settings.maxWorkers();
        this.queueWait = settings.queueWait();
        this.free = max;
    }

    /** What to try before queueing: a client that can give a permit back (an idle session) does so and says true. */
    public void whenExhausted(BooleanSupplier freeOne) {
        this.freeOne = Objects.requireNonNull(freeOne, "freeOne must not be null");
    }

    /** Takes a permit for a caller that belongs to no learner: it gets a line of its own. */
    public void acquire(OutputListener listener) throws WorkersBusyException {
        acquire("#" + anonymous.incrementAndGet(), listener);
    }

    /**
     * Takes a permit for {@code learner}, waiting in that learner's line when none is free;
     * {@code listener} hears the run's place whenever it changes.
     *
     * @throws WorkersBusyException with the last place when the queue wait ran out
     */
    public void acquire(String learner, OutputListener listener) throws WorkersBusyException {
        Objects.requireNonNull(learner, "learner must not be null");
        Objects.requireNonNull(listener, "listener must not be null");
        if (takeFree() || (freeOne.getAsBoolean() && takeFree())) {
            return;
        }
        Waiter me = new Waiter();
        long deadline = System.nanoTime() + queueWait.toNanos();
        QueuePlace told = null;
        synchronized (this) {
            lines.computeIfAbsent(learner, key -> new ArrayDeque<>()).addLast(me);
            queued++;
            dispatch();
        }
        try {
            while (true) {
                QueuePlace place;
                synchronized (this) {
                    if (me.granted) {
                        return;
                    }
                    place = placeOf(learner, me);
                    if (System.nanoTime() >= deadline) {
                        leave(learner, me);
                        throw new WorkersBusyException(place);
                    }
                }
                // Next in line with no permit free: an idle session may have become parkable since the last look.
                if (place.position() == 1 && freeOne.getAsBoolean()) {
                    continue;
                }
                if (!place.equals(told)) {
                    told = place;
                    listener.queued(place);
                }
                synchronized (this) {
                    if (!me.granted) {
                        wait(Math.max(1, Math.min(RECHECK_MS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (this) {
                if (me.granted) {
                    return;
                }
                leave(learner, me);
            }
            throw new WorkersBusyException();
        }
    }

    private synchronized boolean takeFree() {
        if (free > 0 && queued == 0) {
            free--;
            return true;
        }
        return false;
    }

    public synchronized void release() {
        free++;
        dispatch();
    }

    /** Hands free permits to the lines in turn: the first waiter of the line whose turn it is, then that line goes last. */
    private void dispatch() {
        while (free > 0 && !lines.isEmpty()) {
            var turn = lines.entrySet().iterator().next();
            String learner = turn.getKey();
            Deque<Waiter> line = turn.getValue();
            Waiter served = line.pollFirst();
            lines.remove(learner);
            if (!line.isEmpty()) {
                lines.put(learner, line);
            }
            served.granted = true;
            free--;
            queued--;
        }
        notifyAll();
    }

    private void leave(String learner, Waiter me) {
        Deque<Waiter> line = lines.get(learner);
        if (line != null && line.remove(me)) {
            queued--;
            if (line.isEmpty()) {
                lines.remove(learner);
            }
        }
        notifyAll();
    }

    /**
     * The waiter's place under round-robin: every line whose turn comes before its own serves up to
     * as many runs as it has ahead of it in its own line plus one, every line after it as many.
     */
    private QueuePlace placeOf(String learner, Waiter me) {
        List<String> order = new ArrayList<>(lines.keySet());
        int mine = order.indexOf(learner);
        int ahead = List.copyOf(lines.get(learner)).indexOf(me);
        int before = ahead;
        for (int i = 0; i < order.size(); i++) {
            if (i != mine) {
                before += Math.min(lines.get(order.get(i)).size(), i < mine ? ahead + 1 : ahead);
            }
        }
        return QueuePlace.of(before + 1, queued);
    }

    /** Runs work that holds a worker of its own (a grading) under a permit, in a line of its own. */
    public <T> T with(Supplier<T> work) throws WorkersBusyException {
        return with("#" + anonymous.incrementAndGet(), work);
    }

    /** Runs {@code learner}'s work that holds a worker of its own (a grading) under a permit, in that learner's line. */
    public <T> T with(String learner, Supplier<T> work) throws WorkersBusyException {
        Objects.requireNonNull(work, "work must not be null");
        acquire(learner, OutputListener.NONE);
        try {
            return work.get();
        } finally {
            release();
        }
    }

    public synchronized int busy() {
        return max - free;
    }

    public synchronized int queued() {
        return queued;
    }

    public int max() {
        return max;
    }
}
