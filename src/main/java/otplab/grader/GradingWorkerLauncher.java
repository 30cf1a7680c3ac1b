package otplab.grader;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import otplab.runner.RunRoot;
import otplab.runner.RunnerSettings;
import otplab.runner.Sandbox;
import otplab.runner.WorkerImage;
import otplab.runner.WorkerProcess;
import otplab.protocol.GradingCodec;
import otplab.worker.grading.GradingHarness;
import otplab.protocol.GradingRequest;

/**
 * Grades each request in a fresh worker started by the runner: the same OS sandbox, limits,
 * bytecode policy and control channel as lesson cells. The worker is started ahead of need in
 * the grading role (no JShell notebook) by a {@link GradingWorkerPool}, used for this one request
 * and killed; it is killed after the answer is in hand, so the caller does not wait for that.
 * The worker sees only the JDK and the
 * worker image, so the exercises folder (hidden tests, reference solutions) is out of its reach;
 * the tests it needs arrive in the request, and the reference solution never does.
 */
public final class GradingWorkerLauncher implements AutoCloseable {
    /** The warm-up a server's spare grading workers run; measured in docs/perf/grader.md. */
    public static final int INTERACTIVE_WARM_UPS = 2;
    static final int MAX_WARM_UPS = 10;

    private final RunnerSettings settings;
    private final Sandbox sandbox;
    private final WorkerImage image;
    private final Path runRoot = RunRoot.allocate("grader");
    private final GradingWorkerPool pool;

    private GradingWorkerLauncher(Builder builder) {
        this.settings = builder.settings;
        this.sandbox = Sandbox.detect(settings);
        this.image = sandbox.mode() == Sandbox.Mode.UNAVAILABLE ? null : WorkerImage.prepare(settings);
        this.pool = image == null ? null : new GradingWorkerPool(settings, sandbox, image, runRoot, builder.warmUpGradings);
    }

    /**
     * Probes the sandbox and prepares the worker image once; reuse the launcher for many gradings.
     * Its workers do not warm up: right for gradings that follow each other at once (a command, a
     * batch), where a warm-up would cost as much as it saves.
     */
    public static GradingWorkerLauncher create(RunnerSettings settings) {
        return builder(settings).build();
    }

    public static GradingWorkerLauncher withDefaults() {
        return create(RunnerSettings.defaults());
    }

    public static Builder builder(RunnerSettings settings) {
        return new Builder(Objects.requireNonNull(settings, "settings must not be null"));
    }

    /**
     * Starts the spare grading worker now, so that even the next grading finds one ready; a spare
     * that warms up rehearses {@code rehearsal} (see {@link #run(GradingRequest, Duration, GradingRequest)}).
     */
    public void prepare(GradingRequest rehearsal) {
        Objects.requireNonNull(rehearsal, "rehearsal must not be null");
        if (pool != null) {
            pool.prepare(Optional.of(rehearsal));
        }
    }

    /** Waits until a spare grading worker is ready, at most {@code timeout}; true if one is. */
    public boolean awaitSpare(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        return pool != null && pool.awaitSpare(timeout);
    }

    /**
     * Grades {@code request} in a worker of its own. {@code rehearsal}, the public files of the
     * same exercise (starter and visible tests), is what the next spare compiles while it warms
     * up, when this launcher's spares warm up at all.
     */
    public WorkerOutcome run(GradingRequest request, Duration wallLimit, GradingRequest rehearsal) {
        Objects.requireNonNull(request, "request must not be null");
        Objects.requireNonNull(wallLimit, "wallLimit must not be null");
        Objects.requireNonNull(rehearsal, "rehearsal must not be null");
        if (image == null) {
            return new WorkerOutcome.Unavailable(sandbox.description());
        }
        WorkerProcess worker;
        try {
            worker = pool.take();
        } catch (IOException e) {
            return new WorkerOutcome.Unavailable("no grading worker could start: " + e.getMessage());
        }
        try {
            WorkerProcess.GradeAnswer answer = worker.grade(GradingCodec.encode(request), wallLimit);
            if (!(answer instanceof WorkerProcess.GradeAnswer.Report)) {
                // A looping or broken worker stops now, not when the kill queued by release gets to it.
                worker.close();
            }
            return switch (answer) {
                case WorkerProcess.GradeAnswer.Report report -> decode(report.data());
                case WorkerProcess.GradeAnswer.TimedOut timedOut -> new WorkerOutcome.TimedOut(wallLimit);
                case WorkerProcess.GradeAnswer.Failed failed ->
                        failed.message().equals(GradingHarness.OUT_OF_MEMORY) || failed.output().contains("OutOfMemoryError")
                                ? new WorkerOutcome.OutOfMemory(settings.heapMb())
                                : failed.message().isEmpty() ? new WorkerOutcome.EndedEarly(failed.output())
                                : new WorkerOutcome.HarnessFault(failed.message());
            };
        } finally {
            pool.release(worker, Optional.of(rehearsal));
        }
    }

    private static WorkerOutcome decode(byte[] data) {
        try {
            return new WorkerOutcome.Reported(GradingCodec.decodeReport(data));
        } catch (IOException e) {
            return new WorkerOutcome.HarnessFault("an unreadable report: " + e.getMessage());
        }
    }

    /** Grading workers started, warmed up and waiting for a grading (0 without a sandbox). */
    public int readySpares() {
        return pool == null ? 0 : pool.readySpares();
    }

    /** Settings of a {@link GradingWorkerLauncher}, validated when built. */
    public static final class Builder {
        private final RunnerSettings settings;
        private int warmUpGradings;

        private Builder(RunnerSettings settings) {
            this.settings = settings;
        }

        /**
         * Trusted sample gradings each spare worker runs before it is ready (default 0). A server,
         * whose learners submit now and then, sets {@link #INTERACTIVE_WARM_UPS}: the spare warms
         * up between submissions and the next grading runs on a warm javac and JUnit.
         */
        public Builder warmUpGradings(int gradings) {
            if (gradings < 0 || gradings > MAX_WARM_UPS) {
                throw new IllegalArgumentException("warmUpGradings must be between 0 and " + MAX_WARM_UPS + ", not " + gradings);
            }
            this.warmUpGradings = gradings;
            return this;
        }

        public GradingWorkerLauncher build() {
            return new GradingWorkerLauncher(this);
        }
    }

    /** Kills the grading workers waiting for a request (the JVM's exit does so too). */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
