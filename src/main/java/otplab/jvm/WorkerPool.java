package otplab.jvm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.protocol.WorkerRole;

/**
 * Workers started ahead of need, each handed out once and never taken back: learner code never
 * shares a JVM with another run or grading. Notebook runs (the runner's one-shot path and new
 * sessions) and gradings draw from pools of this one kind.
 *
 * <p>A pool keeps {@link Spec#size()} workers ready plus one for every caller waiting for one,
 * starting at most {@link Spec#parallelStarts()} at a time so a burst does not starve the CPU; a
 * waiting caller is served first come, first served by workers that start at full speed.
 *
 * <p>A pool may warm its workers up before they count as ready ({@link Spec#warmUp}): work done
 * while nobody waits and before any learner code exists in that JVM. Such a pool refills when a
 * worker is {@linkplain #retire retired} or the pool is {@linkplain #prepare prepared}, so a
 * warm-up never takes CPU from the run a learner waits for; when none is ready, the caller gets a
 * plain worker started in its own thread, never one queued behind a warm-up. A pool without
 * warm-up refills as soon as a worker is taken, so the next start overlaps this run; so does a
 * pool that warms up only ahead of need ({@link Spec#warmUpAhead}): a worker that finishes
 * starting while a caller waits skips the warm-up and goes to the caller, and callers wait for the
 * pool's bounded starts as without warm-up.
 */
public final class WorkerPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    /** How often a caller waiting for a worker asks the pool again, so a failed start is retried. */
    private static final long RETRY_START_MS = 1000;
    /** How long closing waits for the kills and starts already queued. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    /** Work a fresh worker does before it is ready; false replaces it by a plain worker. */
    @FunctionalInterface
    public interface WarmUp {
        boolean warm(WorkerConnection worker);
    }

    /** What a pool starts: the role, how many ready, how many starting at once, and the warm-up. */
    public record Spec(WorkerRole role, int size, int parallelStarts, WarmUp warmUp, WorkerRole plainRole, boolean ahead) {
        public Spec {
            Objects.requireNonNull(role, "role must not be null");
            Objects.requireNonNull(plainRole, "plainRole must not be null");
            if (size < 0 || parallelStarts < 1) {
                throw new IllegalArgumentException("a pool keeps zero or more workers ready and starts at least one at a time");
            }
        }

        public Spec size(int workers) {
            return new Spec(role, workers, parallelStarts, warmUp, plainRole, ahead);
        }

        public Spec parallelStarts(int starts) {
            return new Spec(role, size, starts, warmUp, plainRole, ahead);
        }

        /** Workers warm up with {@code warmUp}; one a caller waits for starts as {@code plainRole}, without it. */
        public Spec warmUp(WarmUp warmUp, WorkerRole plainRole) {
            return new Spec(role, size, parallelStarts, Objects.requireNonNull(warmUp, "warmUp must not be null"), plainRole, false);
        }

        /**
         * Workers started while no caller waits warm up with {@code warmUp}; one that finishes
         * starting while a caller waits goes to it as it is. The pool refills on take and bounds
         * its starts as a pool without warm-up does.
         */
        public Spec warmUpAhead(WarmUp warmUp) {
            return new Spec(role, size, parallelStarts, Objects.requireNonNull(warmUp, "warmUp must not be null"), role, true);
        }

        boolean warms() {
            return warmUp != null;
        }

        /** Warms up and starts a plain worker for a caller when none is ready (the grader's spares). */
        boolean warmsOnDemand() {
            return warmUp != null && !ahead;
        }
    }

    /** A pool of {@code role} workers: one kept ready, one started at a time, no warm-up. */
    public static Spec spec(WorkerRole role) {
        return new Spec(role, 1, 1, null, role, false);
    }

    private final Workers workers;
    private final Spec spec;
    private final Path runRoot;
    private final Deque<WorkerConnection> ready = new ArrayDeque<>();
    private final AtomicInteger starting = new AtomicInteger();
    /** Callers wanting a worker while none is ready; the pool starts workers for them too. */
    private final AtomicInteger waiting = new AtomicInteger();
    /** When the pool last finished starting a worker (guarded by {@code ready}). */
    private long lastStart = System.nanoTime();
    private final ExecutorService starter;
    /** Kills run beside starts, so a used worker never lingers behind a warm-up. */
    private final ExecutorService killer = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("otplab-worker-killer").factory());
    /** Ready workers are separate processes: they must not outlive this JVM when nobody closed the pool. */
    private final Thread shutdownHook = new Thread(this::close, "otplab-worker-pool-close");
    private volatile boolean filling;
    private volatile boolean closed;

    WorkerPool(Workers workers, String owner, Spec spec) {
        this.workers = Objects.requireNonNull(workers, "workers must not be null");
        this.spec = Objects.requireNonNull(spec, "spec must not be null");
        this.runRoot = RunRoot.allocate(Objects.requireNonNull(owner, "owner must not be null"));
        this.starter = Executors.newFixedThreadPool(spec.parallelStarts(),
                Thread.ofPlatform().daemon().name("otplab-" + owner + "-starter-", 1).factory());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts filling the pool (the floor's image must be prepared); later calls refill. */
    public void prepare() {
        filling = true;
        replenish();
    }

    /**
     * A worker no learner code has run in yet: a ready one, else one started for this caller.
     * {@code listener} hears that the caller waits in line for the pool's next worker.
     */
    public WorkerConnection take(OutputListener listener) throws IOException {
        if (closed) {
            throw new IOException("the worker pool has been closed");
        }
        WorkerConnection worker = takeReady();
        if (!spec.warmsOnDemand()) {
            filling = true;
            replenish();
        }
        if (worker != null) {
            return worker;
        }
        if (spec.warmsOnDemand()) {
            return workers.start(spec.plainRole(), runRoot, this::died);
        }
        return awaitStartedWorker(listener);
    }

    /** Ends a taken worker's one use off the caller's path; a pool that warms up starts its replacement now. */
    public void retire(WorkerConnection used) {
        Objects.requireNonNull(used, "used must not be null");
        try {
            killer.execute(used::close);
        } catch (RejectedExecutionException poolClosed) {
            used.close();
        }
        if (spec.warmsOnDemand()) {
            prepare();
        }
    }

    /** Workers started, warmed up and alive, ready to be taken now. */
    public int readyCount() {
        synchronized (ready) {
            return (int) ready.stream().filter(WorkerConnection::isAlive).count();
        }
    }

    /** Workers being started right now (not yet ready). */
    public int startingCount() {
        return starting.get();
    }

    /** Waits until a worker is ready or {@code timeout} passes; false at once when none is even starting. */
    public boolean awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (ready) {
            while (ready.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (closed || starting.get() == 0 || left <= 0) {
                    return false;
                }
                try {
                    ready.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return ready.peekFirst().isAlive();
        }
    }

    /**
     * Waits for the pool's next worker instead of starting one here: starts stay bounded by
     * {@link Spec#parallelStarts()}, so a burst of runs on a small machine is served first come,
     * first served by workers that start at full speed, not by twenty JVMs that all start at once
     * and all finish late.
     */
    private WorkerConnection awaitStartedWorker(OutputListener listener) throws IOException {
        long waitingSince = System.nanoTime();
        int place = waiting.incrementAndGet();
        listener.queued(QueuePlace.of(place, place));
        try {
            while (true) {
                replenish();
                synchronized (ready) {
                    WorkerConnection worker = takeReady();
                    if (worker != null) {
                        return worker;
                    }
                    // Give up only when the pool stopped making progress, not because the line is long.
                    long left = Math.max(waitingSince, lastStart) + WorkerSettings.START_TIMEOUT.toNanos() - System.nanoTime();
                    if (closed || left <= 0) {
                        throw new IOException("no worker became ready in time");
                    }
                    ready.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), RETRY_START_MS)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a worker", e);
        } finally {
            waiting.decrementAndGet();
        }
    }

    private WorkerConnection takeReady() {
        synchronized (ready) {
            while (!ready.isEmpty()) {
                WorkerConnection worker = ready.pollFirst();
                if (worker.isAlive()) {
                    return worker;
                }
            }
            return null;
        }
    }

    private void died(WorkerConnection worker) {
        boolean wasReady;
        synchronized (ready) {
            wasReady = ready.remove(worker);
        }
        if (wasReady) {
            replenish();
        }
    }

    private void replenish() {
        if (closed || !filling || workers.image().isEmpty()) {
            return;
        }
        int missing;
        synchronized (ready) {
            missing = wanted() - ready.size() - starting.get();
            starting.addAndGet(Math.max(0, missing));
        }
        for (int i = 0; i < missing; i++) {
            try {
                starter.execute(this::startOne);
            } catch (RejectedExecutionException poolClosed) {
                starting.decrementAndGet();
            }
        }
    }

    private void startOne() {
        try {
            WorkerConnection worker = workers.start(spec.role(), runRoot, this::died);
            boolean someoneWaits = spec.ahead() && waiting.get() > 0;
            if (spec.warms() && !someoneWaits && !spec.warmUp().warm(worker)) {
                // A warm-up that does not end (a machine under heavy load) would hold the next run up.
                worker.close();
                worker = workers.start(spec.plainRole(), runRoot, this::died);
            }
            boolean keep;
            synchronized (ready) {
                keep = !closed && ready.size() < wanted();
                lastStart = System.nanoTime();
                if (keep) {
                    ready.addLast(worker);
                }
                ready.notifyAll();
            }
            if (!keep) {
                worker.close();
            }
        } catch (IOException | RuntimeException e) {
            // Closing interrupts a start in progress: expected then, worth a warning otherwise.
            if (closed) {
                LOG.debug("could not start a worker ahead of need", e);
            } else {
                LOG.warn("could not start a worker ahead of need", e);
            }
        } finally {
            starting.decrementAndGet();
            synchronized (ready) {
                ready.notifyAll();
            }
        }
    }

    private int wanted() {
        return spec.size() + waiting.get();
    }

    /** Every process of every ready worker, for leak checks. */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        synchronized (ready) {
            ready.forEach(w -> all.addAll(w.processTree()));
        }
        return all;
    }

    /** Kills the ready workers and waits briefly for starts and kills in progress; workers handed out belong to their users. */
    @Override
    public void close() {
        synchronized (ready) {
            if (closed) {
                return;
            }
            closed = true;
        }
        starter.shutdownNow();
        killer.shutdown();
        try {
            long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
            if (!starter.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    || !killer.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warn("workers were still starting or stopping when their pool closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Closing a worker calls back into died, which edits the deque: close a copy.
        List<WorkerConnection> idle;
        synchronized (ready) {
            idle = List.copyOf(ready);
            ready.clear();
            ready.notifyAll();
        }
        idle.forEach(WorkerConnection::close);
        RunRoot.remove(runRoot);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself.
        }
    }
}
