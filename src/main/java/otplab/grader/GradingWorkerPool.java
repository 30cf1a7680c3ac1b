package otplab.grader;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import otplab.runner.RunRoot;
import otplab.runner.RunnerSettings;
import otplab.runner.Sandbox;
import otplab.runner.WorkerImage;
import otplab.runner.WorkerProcess;
import otplab.protocol.WorkerRole;
import otplab.protocol.GradingCodec;
import otplab.protocol.GradingRequest;

/**
 * Grading workers started ahead of need. Each worker is handed out for exactly one grading and
 * never comes back (it is killed on {@link #release}), so learner code never shares a JVM with
 * another grading. Spares start one at a time on one thread, so refills never pile up on a small
 * machine.
 *
 * <p>A pool may warm its spares up before they count as ready: trusted sample gradings, then a
 * compilation (nothing runs) of the public files of the exercise graded or shown last. That work
 * happens while nobody waits and before any learner code exists in that JVM. Such a pool starts
 * the next spare when a grading is released, so the warm-up never takes CPU from a grading a
 * learner waits for; a pool without warm-up starts it when a grading begins, so the next JVM
 * start overlaps this grading (gradings that follow each other at once, as in a batch).
 */
final class GradingWorkerPool implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GradingWorkerPool.class.getName());
    /** Idle grading workers kept ready; small, because each holds a JVM's memory while it waits. */
    static final int DEFAULT_SPARES = 1;
    /** How long a spare's warm-up (sample gradings and rehearsal) may take before it is replaced by a plain one. */
    static final Duration WARM_UP_LIMIT = Duration.ofSeconds(30);
    /** How long closing the pool waits for the kills and starts already queued. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final RunnerSettings settings;
    private final Sandbox sandbox;
    private final WorkerImage image;
    private final Path runRoot;
    private final int spares;
    private final WorkerRole spareRole;
    private final Deque<CompletableFuture<WorkerProcess>> ready = new ArrayDeque<>();
    private final ExecutorService starter = Executors.newSingleThreadExecutor(runnable ->
            Thread.ofPlatform().daemon().name("otplab-grading-starter").unstarted(runnable));
    /** Kills run beside starts, so a used worker never lingers behind a spare's warm-up. */
    private final ExecutorService killer = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("otplab-grading-killer").factory());
    private final Thread shutdownHook = new Thread(this::close, "otplab-grading-pool-close");
    /** The exercise files the next spares rehearse; empty until a grading or a page names one. */
    private Optional<GradingRequest> rehearsal = Optional.empty();
    private boolean closed;

    GradingWorkerPool(RunnerSettings settings, Sandbox sandbox, WorkerImage image, Path runRoot, int warmUpGradings) {
        this.settings = settings;
        this.sandbox = sandbox;
        this.image = image;
        this.runRoot = runRoot;
        this.spareRole = WorkerRole.grading(warmUpGradings);
        // Spares never outnumber the runner's worker cap, which is sized to the machine's cores.
        this.spares = Math.min(DEFAULT_SPARES, settings.maxWorkers());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * A grading worker no learner code has run in yet; hand it back through {@link #release}. With
     * no spare in sight, a pool without warm-up queues this start ahead of the next spare's; a pool
     * that warms up starts a plain worker in the caller's thread, which must not queue behind a
     * spare's warm-up.
     */
    WorkerProcess take() throws IOException {
        CompletableFuture<WorkerProcess> next;
        synchronized (this) {
            if (closed) {
                throw new IOException("the grader has been closed");
            }
            next = ready.pollFirst();
            if (!warmsUp()) {
                if (next == null) {
                    next = startSpare(Optional.empty());
                }
                refill();
            }
        }
        if (next != null) {
            try {
                WorkerProcess worker = next.join();
                if (worker.isAlive()) {
                    return worker;
                }
                worker.close();
            } catch (CompletionException failed) {
                LOG.log(Level.FINE, "a pre-started grading worker failed to start", failed.getCause());
            }
        }
        // No spare, or one that died while waiting or failed to start: this start's error is the one to report.
        return start(WorkerRole.grading(0));
    }

    /**
     * Ends a taken worker's one grading: it is killed off the caller's path, and a pool that warms
     * up starts the next spare, rehearsing {@code rehearsal} (the exercise just graded).
     */
    void release(WorkerProcess used, Optional<GradingRequest> rehearsal) {
        Objects.requireNonNull(used, "used must not be null");
        Objects.requireNonNull(rehearsal, "rehearsal must not be null");
        try {
            killer.execute(used::close);
        } catch (RejectedExecutionException poolClosed) {
            used.close();
        }
        if (warmsUp()) {
            prepare(rehearsal);
        }
    }

    /**
     * Starts the spares now, so that the next grading does not wait for a worker either; a pool
     * that warms up rehearses {@code rehearsal} in spares started from now on.
     */
    synchronized void prepare(Optional<GradingRequest> rehearsal) {
        Objects.requireNonNull(rehearsal, "rehearsal must not be null");
        if (closed) {
            return;
        }
        if (rehearsal.isPresent()) {
            this.rehearsal = rehearsal;
        }
        refill();
    }

    /**
     * Waits until a spare is ready to be taken, or {@code timeout} passes; true if one is. Lets a
     * caller measure or schedule a grading for when a worker waits for it.
     */
    boolean awaitSpare(Duration timeout) {
        CompletableFuture<WorkerProcess> first;
        synchronized (this) {
            first = ready.peekFirst();
        }
        if (first == null) {
            return false;
        }
        try {
            return first.get(timeout.toMillis(), TimeUnit.MILLISECONDS).isAlive();
        } catch (TimeoutException | ExecutionException notReady) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Spares started, warmed up and alive, ready to be taken now. */
    synchronized int readySpares() {
        return (int) ready.stream()
                .filter(spare -> spare.isDone() && !spare.isCompletedExceptionally() && spare.join().isAlive())
                .count();
    }

    private boolean warmsUp() {
        return spareRole.warmUpGradings() > 0;
    }

    private void refill() {
        while (ready.size() < spares) {
            ready.addLast(startSpare(warmsUp() ? rehearsal : Optional.empty()));
        }
    }

    private CompletableFuture<WorkerProcess> startSpare(Optional<GradingRequest> rehearse) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                WorkerProcess worker = start(spareRole);
                if (!warmsUp()) {
                    return worker;
                }
                byte[] rehearsal = rehearse.map(GradingCodec::encode).orElse(new byte[0]);
                if (!worker.warmUp(rehearsal, WARM_UP_LIMIT)) {
                    // A warm-up that does not end (a machine under heavy load) would hold the grading up.
                    worker.close();
                    return start(WorkerRole.grading(0));
                }
                return worker;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, starter);
    }

    private WorkerProcess start(WorkerRole role) throws IOException {
        return WorkerProcess.start(settings, sandbox, image, runRoot, role, dead -> { });
    }

    /** Kills the idle workers, and waits briefly for kills already queued; workers handed out belong to their gradings. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ready.forEach(spare -> spare.thenAccept(WorkerProcess::close));
            ready.clear();
        }
        starter.shutdown();
        killer.shutdown();
        try {
            long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
            if (!starter.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    || !killer.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warning("grading workers were still starting or stopping when the grader closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RunRoot.remove(runRoot);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself.
        }
    }
}
