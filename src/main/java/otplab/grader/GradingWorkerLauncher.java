package otplab.grader;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import otplab.jvm.OutputListener;
import otplab.jvm.WorkerConnection;
import otplab.jvm.WorkerPool;
import otplab.jvm.WorkerSettings;
import otplab.jvm.Workers;
import otplab.protocol.GradingCodec;
import otplab.protocol.GradingReport;
import otplab.protocol.GradingRequest;
import otplab.protocol.WorkerRole;

/**
 * Grades each request in a fresh worker from the {@link Workers} floor: the same OS sandbox,
 * limits, bytecode policy and control channel as lesson cells. The worker is started ahead of need
 * in the grading role (no JShell notebook) by a {@link WorkerPool}, used for this one request and
 * retired; it is killed after the answer is in hand, so the caller does not wait for that. The
 * worker sees only the JDK and the worker image, so the exercises folder (hidden tests, reference
 * solutions) is out of its reach; the tests it needs arrive in the request, and the reference
 * solution never does.
 *
 * <p>A launcher may warm its spare up: trusted sample gradings, then a compilation (nothing runs)
 * of the public files of the exercise graded or shown last.
 */
public final class GradingWorkerLauncher implements AutoCloseable {
    /** The warm-up a server's spare grading workers run; measured in docs/perf/grader.md. */
    public static final int INTERACTIVE_WARM_UPS = 2;
    static final int MAX_WARM_UPS = 10;
    /** Idle grading workers kept ready; small, because each holds a JVM's memory while it waits. */
    static final int DEFAULT_SPARES = 1;
    /** How long a spare's warm-up (sample gradings and rehearsal) may take before it is replaced by a plain one. */
    static final Duration WARM_UP_LIMIT = Duration.ofSeconds(30);

    private final Workers workers;
    private final WorkerPool pool;
    /** The exercise files the next spares rehearse; empty until a grading or a page names one. */
    private volatile Optional<GradingRequest> rehearsal = Optional.empty();

    private GradingWorkerLauncher(Builder builder) {
        this.workers = builder.workers;
        WorkerPool.Spec spec = WorkerPool.spec(WorkerRole.grading(builder.warmUpGradings))
                // Spares never outnumber the worker cap, which is sized to the machine's cores.
                .size(Math.min(DEFAULT_SPARES, workers.settings().maxWorkers()));
        if (builder.warmUpGradings > 0) {
            spec = spec.warmUp(this::rehearse, WorkerRole.grading(0));
        }
        this.pool = workers.prepare() ? workers.pool("grader", spec) : null;
    }

    /**
     * Probes the sandbox and prepares the worker image once; reuse the launcher for many gradings.
     * Its workers do not warm up: right for gradings that follow each other at once (a command, a
     * batch), where a warm-up would cost as much as it saves.
     */
    public static GradingWorkerLauncher create(WorkerSettings settings) {
        return builder(settings).build();
    }

    public static GradingWorkerLauncher withDefaults() {
        return create(WorkerSettings.defaults());
    }

    /** A launcher on a floor of its own. */
    public static Builder builder(WorkerSettings settings) {
        return builder(Workers.create(Objects.requireNonNull(settings, "settings must not be null")));
    }

    /** A launcher on a floor it shares (with the notebook runner, in a server). */
    public static Builder builder(Workers workers) {
        return new Builder(Objects.requireNonNull(workers, "workers must not be null"));
    }

    private boolean rehearse(WorkerConnection spare) {
        byte[] request = rehearsal.map(GradingCodec::encode).orElse(new byte[0]);
        return GradingWorker.warmUp(spare, request, WARM_UP_LIMIT);
    }

    /**
     * Starts the spare grading worker now, so that even the next grading finds one ready; a spare
     * that warms up rehearses {@code rehearsal} (see {@link #run(GradingRequest, Duration, GradingRequest)}).
     */
    public void prepare(GradingRequest rehearsal) {
        this.rehearsal = Optional.of(Objects.requireNonNull(rehearsal, "rehearsal must not be null"));
        if (pool != null) {
            pool.prepare();
        }
    }

    /** Waits until a spare grading worker is ready, at most {@code timeout}; true if one is. */
    public boolean awaitSpare(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        return pool != null && pool.awaitReady(timeout);
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
        if (pool == null) {
            return new WorkerOutcome.Unavailable(workers.sandbox().description());
        }
        WorkerConnection worker;
        try {
            worker = pool.take(OutputListener.NONE);
        } catch (IOException e) {
            return new WorkerOutcome.Unavailable("no grading worker could start: " + e.getMessage());
        }
        this.rehearsal = Optional.of(rehearsal);
        // Parsed while the worker grades: the first parse of a test list costs a cold javac parser.
        CompletableFuture<TestIndex> index = CompletableFuture.supplyAsync(() -> TestIndex.of(request.tests()));
        try {
            GradingWorker.GradeAnswer answer = GradingWorker.grade(worker, GradingCodec.encode(request), wallLimit);
            if (!(answer instanceof GradingWorker.GradeAnswer.Report)) {
                // A looping or broken worker stops now, not when the kill queued by retire gets to it.
                worker.close();
            }
            return switch (answer) {
                case GradingWorker.GradeAnswer.Report report -> checked(decode(report.data()), index.join());
                case GradingWorker.GradeAnswer.Unsealed unsealed ->
                        new WorkerOutcome.Untrusted("the report did not carry this grading's seal");
                case GradingWorker.GradeAnswer.TimedOut timedOut -> new WorkerOutcome.TimedOut(wallLimit);
                case GradingWorker.GradeAnswer.Failed failed ->
                        failed.message().equals(GradingCodec.OUT_OF_MEMORY) || failed.output().contains("OutOfMemoryError")
                                ? new WorkerOutcome.OutOfMemory(workers.settings().heapMb())
                                : failed.message().isEmpty() ? new WorkerOutcome.EndedEarly(failed.output())
                                : new WorkerOutcome.HarnessFault(failed.message());
            };
        } finally {
            pool.retire(worker);
        }
    }

    /**
     * A sealed report that ran tests must also name exactly the tests this grading sent (the index
     * is built here, from the request, not from anything the worker says).
     */
    static WorkerOutcome checked(WorkerOutcome outcome, GradingRequest request) {
        return checked(outcome, TestIndex.of(request.tests()));
    }

    private static WorkerOutcome checked(WorkerOutcome outcome, TestIndex index) {
        if (outcome instanceof WorkerOutcome.Reported(GradingReport.Ran ran)) {
            return index.problem(ran).<WorkerOutcome>map(WorkerOutcome.Untrusted::new).orElse(outcome);
        }
        return outcome;
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
        return pool == null ? 0 : pool.readyCount();
    }

    /** Settings of a {@link GradingWorkerLauncher}, validated when built. */
    public static final class Builder {
        private final Workers workers;
        private int warmUpGradings;

        private Builder(Workers workers) {
            this.workers = workers;
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
