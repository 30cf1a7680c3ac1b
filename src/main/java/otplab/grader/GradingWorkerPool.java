package otplab.grader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import otplab.runner.RunnerSettings;
import otplab.runner.Sandbox;
import otplab.runner.WorkerImage;
import otplab.runner.WorkerProcess;
import otplab.worker.WorkerMain;

/**
 * Grading workers started ahead of need. Each worker is handed out for exactly one grading and
 * never comes back (the caller closes it), so learner code never shares a JVM with another
 * grading; taking one starts its replacement in the background. Starts run one at a time on one
 * thread, so refills never pile up on a small machine.
 */
final class GradingWorkerPool implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GradingWorkerPool.class.getName());
    /** Idle grading workers kept ready; small, because each holds a JVM's memory while it waits. */
    static final int DEFAULT_SPARES = 1;

    private final RunnerSettings settings;
    private final Sandbox sandbox;
    private final WorkerImage image;
    private final Path runRoot;
    private final int spares;
    private final Deque<CompletableFuture<WorkerProcess>> ready = new ArrayDeque<>();
    private final ExecutorService starter = Executors.newSingleThreadExecutor(runnable ->
            Thread.ofPlatform().daemon().name("otplab-grading-starter").unstarted(runnable));
    private final Thread shutdownHook = new Thread(this::close, "otplab-grading-pool-close");
    private boolean closed;

    GradingWorkerPool(RunnerSettings settings, Sandbox sandbox, WorkerImage image, Path runRoot) {
        this.settings = settings;
        this.sandbox = sandbox;
        this.image = image;
        this.runRoot = runRoot;
        // Spares never outnumber the runner's worker cap, which is sized to the machine's cores.
        this.spares = Math.min(DEFAULT_SPARES, settings.maxWorkers());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A grading worker no learner code has run in yet; the caller closes it after its one grading. */
    WorkerProcess take() throws IOException {
        CompletableFuture<WorkerProcess> next;
        synchronized (this) {
            if (closed) {
                throw new IOException("the grader has been closed");
            }
            next = ready.pollFirst();
            if (next == null) {
                next = startInBackground();
            }
            while (ready.size() < spares) {
                ready.addLast(startInBackground());
            }
        }
        try {
            WorkerProcess worker = next.join();
            if (worker.isAlive()) {
                return worker;
            }
            worker.close();
        } catch (CompletionException failed) {
            LOG.log(Level.FINE, "a pre-started grading worker failed to start", failed.getCause());
        }
        // A spare that died while waiting, or failed to start: this start's error is the one to report.
        return start();
    }

    private CompletableFuture<WorkerProcess> startInBackground() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return start();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, starter);
    }

    private WorkerProcess start() throws IOException {
        return WorkerProcess.start(settings, sandbox, image, runRoot, WorkerMain.ROLE_GRADING, dead -> { });
    }

    /** Kills the idle workers; workers already handed out belong to their gradings. */
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
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself.
        }
    }
}
