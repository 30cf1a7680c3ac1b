package otplab.grader;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import otplab.runner.RunnerSettings;
import otplab.runner.Sandbox;
import otplab.runner.WorkerImage;
import otplab.runner.WorkerProcess;
import otplab.worker.grading.GradingCodec;
import otplab.worker.grading.GradingHarness;
import otplab.worker.grading.GradingRequest;

/**
 * Grades each request in a fresh worker started by the runner: the same OS sandbox, limits,
 * bytecode policy and control channel as lesson cells. The worker is started ahead of need in
 * the grading role (no JShell notebook) by a {@link GradingWorkerPool}, used for this one request
 * and killed. The worker sees only the JDK and the
 * worker image, so the exercises folder (hidden tests, reference solutions) is out of its reach;
 * the tests it needs arrive in the request, and the reference solution never does.
 */
public final class GradingWorkerLauncher implements AutoCloseable {
    private final RunnerSettings settings;
    private final Sandbox sandbox;
    private final WorkerImage image;
    private final Path runRoot = Path.of("/tmp", "otplab-grader-" + ProcessHandle.current().pid());
    private final GradingWorkerPool pool;

    private GradingWorkerLauncher(RunnerSettings settings) {
        this.settings = settings;
        this.sandbox = Sandbox.detect(settings);
        this.image = sandbox.mode() == Sandbox.Mode.UNAVAILABLE ? null : WorkerImage.prepare(settings);
        this.pool = image == null ? null : new GradingWorkerPool(settings, sandbox, image, runRoot);
    }

    /** Probes the sandbox and prepares the worker image once; reuse the launcher for many gradings. */
    public static GradingWorkerLauncher create(RunnerSettings settings) {
        return new GradingWorkerLauncher(Objects.requireNonNull(settings, "settings must not be null"));
    }

    public static GradingWorkerLauncher withDefaults() {
        return create(RunnerSettings.defaults());
    }

    public WorkerOutcome run(GradingRequest request, Duration wallLimit) {
        Objects.requireNonNull(request, "request must not be null");
        Objects.requireNonNull(wallLimit, "wallLimit must not be null");
        if (image == null) {
            return new WorkerOutcome.Unavailable(sandbox.description());
        }
        try (WorkerProcess worker = pool.take()) {
            return switch (worker.grade(GradingCodec.encode(request), wallLimit)) {
                case WorkerProcess.GradeAnswer.Report report -> decode(report.data());
                case WorkerProcess.GradeAnswer.TimedOut timedOut -> new WorkerOutcome.TimedOut(wallLimit);
                case WorkerProcess.GradeAnswer.Failed failed ->
                        failed.message().equals(GradingHarness.OUT_OF_MEMORY) || failed.output().contains("OutOfMemoryError")
                                ? new WorkerOutcome.OutOfMemory(settings.heapMb())
                                : failed.message().isEmpty() ? new WorkerOutcome.EndedEarly(failed.output())
                                : new WorkerOutcome.HarnessFault(failed.message());
            };
        } catch (IOException e) {
            return new WorkerOutcome.Unavailable("no grading worker could start: " + e.getMessage());
        }
    }

    private static WorkerOutcome decode(byte[] data) {
        try {
            return new WorkerOutcome.Reported(GradingCodec.decodeReport(data));
        } catch (IOException e) {
            return new WorkerOutcome.HarnessFault("an unreadable report: " + e.getMessage());
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
