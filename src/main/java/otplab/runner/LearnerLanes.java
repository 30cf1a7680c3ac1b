package otplab.runner;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import otplab.jvm.OutputListener;
import otplab.jvm.QueuePlace;
import otplab.jvm.WorkersBusyException;

/**
 * Each learner's own lane: at most {@code runs} of their runs in flight; more wait in their own
 * line, first come first served, at most {@code queued}; beyond that a run is refused in words.
 * A learner's excess waits here, before it asks the floor for a worker, so it never holds a
 * worker another learner could use.
 */
final class LearnerLanes {
    /** How often a waiting run looks again, so a run that gave up elsewhere never strands the line. */
    private static final long RECHECK_MS = 1000;

    private final int runs;
    private final int queued;
    private final Duration wait;
    private final Map<String, Lane> lanes = new HashMap<>();

    private static final class Lane {
        int running;
        final Deque<Object> waiting = new ArrayDeque<>();
    }

    LearnerLanes(int runs, int queued, Duration wait) {
        if (runs < 1 || queued < 0) {
            throw new IllegalArgumentException("a learner has at least one run and zero or more waiting");
        }
        this.runs = runs;
        this.queued = queued;
        this.wait = Objects.requireNonNull(wait, "wait must not be null");
    }

    /**
     * Lets one run of {@code learner} in, waiting in their line while they have {@code runs} in
     * flight; {@code listener} hears its place in that line. Each entry is matched by one {@link #exit}.
     *
     * @throws LearnerLimitException when the learner's line is full, or the run waited the whole queue wait in it
     */
    void enter(String learner, OutputListener listener) throws WorkersBusyException {
        Objects.requireNonNull(learner, "learner must not be null");
        Object me = new Object();
        long deadline = System.nanoTime() + wait.toNanos();
        Lane lane;
        synchronized (this) {
            lane = lanes.computeIfAbsent(learner, key -> new Lane());
            if (lane.running < runs && lane.waiting.isEmpty()) {
                lane.running++;
                return;
            }
            if (lane.waiting.size() >= queued) {
                throw LearnerLimitException.lineFull(lane.running, lane.waiting.size(),
                        QueuePlace.of(lane.waiting.size() + 1, lane.waiting.size() + 1).inOwnLine());
            }
            lane.waiting.addLast(me);
        }
        QueuePlace told = null;
        try {
            while (true) {
                QueuePlace place;
                synchronized (this) {
                    if (lane.waiting.peekFirst() == me && lane.running < runs) {
                        lane.waiting.removeFirst();
                        lane.running++;
                        notifyAll();
                        return;
                    }
                    place = QueuePlace.of(position(lane, me), lane.waiting.size()).inOwnLine();
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        leave(learner, lane, me);
                        throw LearnerLimitException.waitedTooLong(lane.running, wait, place);
                    }
                }
                if (!place.equals(told)) {
                    told = place;
                    listener.queued(place);
                }
                synchronized (this) {
                    if (!(lane.waiting.peekFirst() == me && lane.running < runs)) {
                        wait(Math.max(1, Math.min(RECHECK_MS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (this) {
                leave(learner, lane, me);
            }
            throw new WorkersBusyException();
        }
    }

    /** The run that entered for {@code learner} is over: the next in their line may go. */
    synchronized void exit(String learner) {
        Lane lane = lanes.get(learner);
        if (lane == null) {
            throw new IllegalStateException("no run of this learner is in flight");
        }
        lane.running--;
        forgetWhenEmpty(learner, lane);
        notifyAll();
    }

    /** Runs of {@code learner} in flight now (waiting for a worker or running). */
    synchronized int running(String learner) {
        Lane lane = lanes.get(learner);
        return lane == null ? 0 : lane.running;
    }

    /** Learners with a run in flight or waiting. */
    synchronized int learners() {
        return lanes.size();
    }

    private static int position(Lane lane, Object me) {
        int index = 0;
        for (Object waiting : lane.waiting) {
            if (waiting == me) {
                break;
            }
            index++;
        }
        return index + 1;
    }

    private void leave(String learner, Lane lane, Object me) {
        lane.waiting.remove(me);
        forgetWhenEmpty(learner, lane);
        notifyAll();
    }

    private void forgetWhenEmpty(String learner, Lane lane) {
        if (lane.running == 0 && lane.waiting.isEmpty()) {
            lanes.remove(learner, lane);
        }
    }
}
