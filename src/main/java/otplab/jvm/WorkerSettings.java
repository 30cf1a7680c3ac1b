package otplab.jvm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import otp.config.ConfigException;
import otp.config.Env;
import otp.config.RuntimeConfig;
import otp.config.Setting;

/**
 * How the worker floor runs: a worker's {@link WorkerLimits}, the pool and queue sizes, the worker
 * jar and JDK. Immutable; build with {@link #builder()}. The limit accessors here are shortcuts to
 * {@link #limits()}.
 *
 * <table>
 * <caption>Defaults</caption>
 * <tr><td>wall time per run</td><td>{@value #DEFAULT_WALL_SECONDS} s</td></tr>
 * <tr><td>CPU time per worker (RLIMIT_CPU, whole life)</td><td>{@value #DEFAULT_CPU_SECONDS} s</td></tr>
 * <tr><td>heap / metaspace</td><td>{@value #DEFAULT_HEAP_MB} MB / {@value #DEFAULT_METASPACE_MB} MB</td></tr>
 * <tr><td>output per run</td><td>{@value #DEFAULT_OUTPUT_BYTES} bytes, then cut with a notice</td></tr>
 * <tr><td>source per run</td><td>{@value #DEFAULT_SOURCE_BYTES} bytes</td></tr>
 * <tr><td>threads/processes per worker (RLIMIT_NPROC, pids cgroup)</td><td>{@value #DEFAULT_MAX_THREADS}</td></tr>
 * <tr><td>memory cgroup per worker</td><td>{@value #DEFAULT_MEMORY_MB} MB</td></tr>
 * <tr><td>open files / largest file written</td><td>{@value #DEFAULT_OPEN_FILES} / {@value #DEFAULT_FILE_BYTES} bytes</td></tr>
 * <tr><td>longest wall time a request may ask for</td><td>{@value #DEFAULT_MAX_WALL_SECONDS} s</td></tr>
 * <tr><td>warm workers kept ready</td><td>{@value #DEFAULT_POOL_SIZE}</td></tr>
 * <tr><td>worker JVMs starting at once</td><td>one per core</td></tr>
 * <tr><td>workers in use at once (sessions + one-shot runs)</td><td>{@value #DEFAULT_MAX_WORKERS}</td></tr>
 * <tr><td>idle session expiry</td><td>{@value #DEFAULT_SESSION_IDLE_MINUTES} min</td></tr>
 * <tr><td>longest wait for a free worker</td><td>{@value #DEFAULT_QUEUE_WAIT_SECONDS} s</td></tr>
 * <tr><td>sessions with a worker per learner (open lesson pages)</td><td>{@value #DEFAULT_LEARNER_SESSIONS}</td></tr>
 * <tr><td>runs in flight per learner / more waiting in their own line</td><td>{@value #DEFAULT_LEARNER_RUNS} / {@value #DEFAULT_LEARNER_QUEUED}</td></tr>
 * <tr><td>a session is active (never parked for another learner) this long after its last use</td><td>{@value #DEFAULT_ACTIVE_MINUTES} min</td></tr>
 * </table>
 */
public final class WorkerSettings {
    public static final int DEFAULT_WALL_SECONDS = WorkerLimits.DEFAULT_WALL_SECONDS;
    public static final int DEFAULT_MAX_WALL_SECONDS = WorkerLimits.DEFAULT_MAX_WALL_SECONDS;
    public static final int DEFAULT_CPU_SECONDS = WorkerLimits.DEFAULT_CPU_SECONDS;
    public static final int DEFAULT_HEAP_MB = WorkerLimits.DEFAULT_HEAP_MB;
    public static final int DEFAULT_METASPACE_MB = WorkerLimits.DEFAULT_METASPACE_MB;
    public static final int DEFAULT_OUTPUT_BYTES = WorkerLimits.DEFAULT_OUTPUT_BYTES;
    public static final int DEFAULT_SOURCE_BYTES = WorkerLimits.DEFAULT_SOURCE_BYTES;
    public static final int DEFAULT_MAX_THREADS = WorkerLimits.DEFAULT_PROCESSES;
    public static final int DEFAULT_MEMORY_MB = WorkerLimits.DEFAULT_MEMORY_MB;
    public static final int DEFAULT_OPEN_FILES = WorkerLimits.DEFAULT_OPEN_FILES;
    public static final long DEFAULT_FILE_BYTES = WorkerLimits.DEFAULT_FILE_BYTES;
    /**
     * A ready worker holds ~80 MB (PSS) and ~0.2 % of a core while it waits, and a run that finds
     * one answers in about a second where one that waits for a start on two busy cores may wait
     * tens of seconds: eight cover a fifth of a class of 40 arriving together (~640 MB); a larger
     * burst is served by starts bounded at one per core.
     */
    public static final int DEFAULT_POOL_SIZE = 8;
    /** Worker JVMs started at once: one per core, since a start keeps about one core busy. */
    public static final int DEFAULT_PARALLEL_STARTS = Math.max(1, Runtime.getRuntime().availableProcessors());
    /**
     * A class of 40, each with a lesson page (a session worker of ~80 MB PSS idle: ~3.2 GB), plus
     * eight for one-shot runs and gradings; memory, not CPU, bounds idle sessions, and a 24 GB
     * machine has room for several times this (docs/PERFORMANCE.md, "Capacity").
     */
    public static final int DEFAULT_MAX_WORKERS = 48;
    /** Long enough for a learner reading a lesson between runs; when workers run short an idle session is parked sooner. */
    public static final int DEFAULT_SESSION_IDLE_MINUTES = 30;
    public static final int DEFAULT_QUEUE_WAIT_SECONDS = 30;
    /** Two tabs of lesson pages and one more; a fourth page parks the learner's own least recently used one. */
    public static final int DEFAULT_LEARNER_SESSIONS = 3;
    /** A page sends its runs one at a time: two in flight is two tabs running at once. */
    public static final int DEFAULT_LEARNER_RUNS = 2;
    public static final int DEFAULT_LEARNER_QUEUED = 4;
    /** Someone reading a lesson runs a cell every few minutes; their session is theirs meanwhile. */
    public static final int DEFAULT_ACTIVE_MINUTES = 5;
    /** Upper ends of the operator's variables: beyond them a typo is likelier than a wish. */
    static final int MOST_POOL_SIZE = 64;
    static final int MOST_MAX_WORKERS = 512;
    static final int MOST_SESSION_IDLE_MINUTES = 24 * 60;
    static final int MOST_QUEUE_SECONDS = 600;
    static final int MOST_PER_LEARNER = 64;
    /** Environment variables {@link Builder#environment} reads. */
    public static final String ENV_POOL_SIZE = "OTPLAB_POOL_SIZE";
    public static final String ENV_MAX_WORKERS = "OTPLAB_MAX_WORKERS";
    public static final String ENV_RUN_SECONDS = "OTPLAB_RUN_SECONDS";
    public static final String ENV_SESSION_IDLE_MINUTES = "OTPLAB_SESSION_IDLE_MINUTES";
    public static final String ENV_UNSAFE_NO_SANDBOX = "OTPLAB_UNSAFE_NO_SANDBOX";
    public static final String ENV_QUEUE_SECONDS = "OTPLAB_QUEUE_SECONDS";
    public static final String ENV_LEARNER_SESSIONS = "OTPLAB_LEARNER_SESSIONS";
    public static final String ENV_LEARNER_RUNS = "OTPLAB_LEARNER_RUNS";
    public static final String ENV_LEARNER_QUEUED = "OTPLAB_LEARNER_QUEUED";
    public static final String ENV_LEARNER_REUSE = "OTPLAB_LEARNER_REUSE";
    /** The environment (dev, test, prod) the settings are read under; the server's own variable. */
    public static final String ENV_MODE = "OTP_LAB_ENV";
    /** Time a worker gets to answer a stop request before it is killed. */
    public static final Duration STOP_GRACE = Duration.ofMillis(750);
    /** Time a new worker gets to connect and report ready. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final WorkerLimits limits;
    private final int poolSize;
    private final int maxWorkers;
    private final int parallelStarts;
    private final Duration sessionIdle;
    private final Duration queueWait;
    private final int learnerSessions;
    private final int learnerRuns;
    private final int learnerQueued;
    private final Duration activeWindow;
    private final boolean learnerReuse;
    private final boolean allowUnsandboxed;
    private final Path workerJar;
    private final Path javaHome;
    private final boolean classPathGrading;

    private WorkerSettings(Builder b) {
        limits = b.limits.build();
        poolSize = b.poolSize;
        maxWorkers = b.maxWorkers;
        parallelStarts = b.parallelStarts;
        sessionIdle = b.sessionIdle;
        queueWait = b.queueWait;
        learnerSessions = b.learnerSessions;
        learnerRuns = b.learnerRuns;
        learnerQueued = b.learnerQueued;
        activeWindow = b.activeWindow;
        learnerReuse = b.learnerReuse;
        allowUnsandboxed = b.allowUnsandboxed;
        workerJar = b.workerJar;
        javaHome = b.javaHome;
        classPathGrading = b.classPathGrading;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults, with the worker jar found next to the build's classes. */
    public static WorkerSettings defaults() {
        return builder().build();
    }

    /** What one worker may use. */
    public WorkerLimits limits() { return limits; }
    public Duration wallTime() { return limits.wallTime(); }
    public Duration maxWallTime() { return limits.maxWallTime(); }

    /** The wall time for a run that asked for {@code requestedMs}: at least 1 ms, at most {@link #maxWallTime()}. */
    public Duration boundedWallTime(long requestedMs) {
        return limits.boundedWallTime(requestedMs);
    }
    public int cpuSeconds() { return limits.cpuSeconds(); }
    public int heapMb() { return limits.heapMb(); }
    public int metaspaceMb() { return limits.metaspaceMb(); }
    public int outputBytes() { return limits.outputBytes(); }
    public int sourceBytes() { return limits.sourceBytes(); }
    public int maxThreads() { return limits.processes(); }
    public int memoryMb() { return limits.memoryMb(); }
    public int openFiles() { return limits.openFiles(); }
    public long fileBytes() { return limits.fileBytes(); }
    public int poolSize() { return poolSize; }
    public int maxWorkers() { return maxWorkers; }
    public int parallelStarts() { return parallelStarts; }
    public Duration sessionIdle() { return sessionIdle; }
    public Duration queueWait() { return queueWait; }
    /** Sessions with a worker one learner (owner cookie) may hold; past it their own least recently used one is parked. */
    public int learnerSessions() { return learnerSessions; }
    /** Runs of one learner in flight at once; more wait in that learner's own line. */
    public int learnerRuns() { return learnerRuns; }
    /** Runs of one learner waiting in their own line; more are refused in words. */
    public int learnerQueued() { return learnerQueued; }
    /** How long after its last use a session counts as active: it is never parked for another learner meanwhile. */
    public Duration activeWindow() { return activeWindow; }
    /**
     * Whether a learner's notebook worker carries over to their next lesson page, restarted (every
     * process killed, a new JShell) instead of replaced by a new JVM; never to another learner.
     */
    public boolean learnerReuse() { return learnerReuse; }
    /** Whether runs may go ahead without the OS sandbox when bubblewrap cannot run. Never the default. */
    public boolean allowUnsandboxed() { return allowUnsandboxed; }
    public Path workerJar() { return workerJar; }
    public Path javaHome() { return javaHome; }
    /** Grading workers start the old way (full JDK, class path), for comparison in tests and benchmarks only. */
    public boolean classPathGrading() { return classPathGrading; }

    public static final class Builder {
        private WorkerLimits.Builder limits = WorkerLimits.builder();
        private int poolSize = DEFAULT_POOL_SIZE;
        private int maxWorkers = DEFAULT_MAX_WORKERS;
        private int parallelStarts = DEFAULT_PARALLEL_STARTS;
        private Duration sessionIdle = Duration.ofMinutes(DEFAULT_SESSION_IDLE_MINUTES);
        private Duration queueWait = Duration.ofSeconds(DEFAULT_QUEUE_WAIT_SECONDS);
        private int learnerSessions = DEFAULT_LEARNER_SESSIONS;
        private int learnerRuns = DEFAULT_LEARNER_RUNS;
        private int learnerQueued = DEFAULT_LEARNER_QUEUED;
        private Duration activeWindow = Duration.ofMinutes(DEFAULT_ACTIVE_MINUTES);
        private boolean learnerReuse = true;
        private boolean allowUnsandboxed;
        private Path workerJar;
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private boolean classPathGrading;

        private Builder() {}

        /** Replaces every limit at once; the setters below change one of them. */
        public Builder limits(WorkerLimits value) { limits = Objects.requireNonNull(value, "limits must not be null").toBuilder(); return this; }
        public Builder wallTime(Duration value) { limits.wallTime(value); return this; }
        public Builder maxWallTime(Duration value) { limits.maxWallTime(value); return this; }
        public Builder cpuSeconds(int value) { limits.cpuSeconds(value); return this; }
        public Builder heapMb(int value) { limits.heapMb(value); return this; }
        public Builder metaspaceMb(int value) { limits.metaspaceMb(value); return this; }
        public Builder outputBytes(int value) { limits.outputBytes(value); return this; }
        public Builder sourceBytes(int value) { limits.sourceBytes(value); return this; }
        public Builder maxThreads(int value) { limits.processes(value); return this; }
        public Builder memoryMb(int value) { limits.memoryMb(value); return this; }
        public Builder openFiles(int value) { limits.openFiles(value); return this; }
        public Builder fileBytes(long value) { limits.fileBytes(value); return this; }
        public Builder poolSize(int value) { poolSize = value; return this; }
        public Builder maxWorkers(int value) { maxWorkers = value; return this; }
        public Builder parallelStarts(int value) { parallelStarts = value; return this; }
        public Builder sessionIdle(Duration value) { sessionIdle = Objects.requireNonNull(value, "sessionIdle must not be null"); return this; }
        public Builder queueWait(Duration value) { queueWait = Objects.requireNonNull(value, "queueWait must not be null"); return this; }
        public Builder learnerSessions(int value) { learnerSessions = value; return this; }
        public Builder learnerRuns(int value) { learnerRuns = value; return this; }
        public Builder learnerQueued(int value) { learnerQueued = value; return this; }
        public Builder activeWindow(Duration value) { activeWindow = Objects.requireNonNull(value, "activeWindow must not be null"); return this; }
        public Builder learnerReuse(boolean value) { learnerReuse = value; return this; }
        public Builder allowUnsandboxed(boolean value) { allowUnsandboxed = value; return this; }
        public Builder workerJar(Path value) { workerJar = Objects.requireNonNull(value, "workerJar must not be null"); return this; }
        public Builder javaHome(Path value) { javaHome = Objects.requireNonNull(value, "javaHome must not be null"); return this; }
        /** Starts grading workers without their confined runtime: only to show what it stops. */
        public Builder classPathGrading(boolean value) { classPathGrading = value; return this; }

        /**
         * Reads the operator's settings: {@value #ENV_POOL_SIZE}, {@value #ENV_MAX_WORKERS},
         * {@value #ENV_RUN_SECONDS}, {@value #ENV_SESSION_IDLE_MINUTES}, {@value #ENV_QUEUE_SECONDS},
         * {@value #ENV_LEARNER_SESSIONS}, {@value #ENV_LEARNER_RUNS}, {@value #ENV_LEARNER_QUEUED},
         * {@value #ENV_LEARNER_REUSE} and {@value #ENV_UNSAFE_NO_SANDBOX}{@code =1} (booleans: 1/0, true/false, yes/no, on/off), through
         * {@code otp.config}. Unset or blank variables keep the defaults.
         *
         * @throws IllegalArgumentException with a sentence for the operator when a value is unusable
         */
        public Builder environment(Map<String, String> env) {
            Objects.requireNonNull(env, "env must not be null");
            Setting<Integer> pool = Setting.integer(ENV_POOL_SIZE).withDefault(poolSize);
            Setting<Integer> workers = Setting.integer(ENV_MAX_WORKERS).withDefault(maxWorkers);
            Setting<Integer> runSeconds = Setting.integer(ENV_RUN_SECONDS).withDefault((int) limits.wallTime().toSeconds());
            Setting<Integer> idleMinutes = Setting.integer(ENV_SESSION_IDLE_MINUTES).withDefault((int) sessionIdle.toMinutes());
            Setting<Integer> queueSeconds = Setting.integer(ENV_QUEUE_SECONDS).withDefault((int) queueWait.toSeconds());
            Setting<Integer> ownSessions = Setting.integer(ENV_LEARNER_SESSIONS).withDefault(learnerSessions);
            Setting<Integer> ownRuns = Setting.integer(ENV_LEARNER_RUNS).withDefault(learnerRuns);
            Setting<Integer> ownQueued = Setting.integer(ENV_LEARNER_QUEUED).withDefault(learnerQueued);
            Setting<Boolean> reuse = Setting.bool(ENV_LEARNER_REUSE).withDefault(learnerReuse);
            Setting<Boolean> unsafe = Setting.bool(ENV_UNSAFE_NO_SANDBOX).withDefault(false);
            RuntimeConfig.Config loaded;
            try {
                loaded = RuntimeConfig.of(ENV_MODE, pool, workers, runSeconds, idleMinutes, queueSeconds, ownSessions, ownRuns,
                        ownQueued, reuse, unsafe).load(Env.of(env));
            } catch (ConfigException badSetting) {
                throw new IllegalArgumentException(badSetting.getMessage(), badSetting);
            }
            poolSize = within(loaded, pool, 0, MOST_POOL_SIZE);
            maxWorkers = within(loaded, workers, 1, MOST_MAX_WORKERS);
            limits.wallTime(Duration.ofSeconds(within(loaded, runSeconds, 1, (int) limits.maxWallTime().toSeconds())));
            sessionIdle = Duration.ofMinutes(within(loaded, idleMinutes, 1, MOST_SESSION_IDLE_MINUTES));
            queueWait = Duration.ofSeconds(within(loaded, queueSeconds, 1, MOST_QUEUE_SECONDS));
            learnerSessions = within(loaded, ownSessions, 1, MOST_PER_LEARNER);
            learnerRuns = within(loaded, ownRuns, 1, learnerSessions);
            learnerQueued = within(loaded, ownQueued, 0, MOST_PER_LEARNER);
            learnerReuse = loaded.get(reuse);
            allowUnsandboxed = loaded.get(unsafe);
            return this;
        }

        private static int within(RuntimeConfig.Config loaded, Setting<Integer> setting, int least, int most) {
            int value = loaded.get(setting);
            if (value < least || value > most) {
                throw new IllegalArgumentException(setting.variable() + " must be a whole number from " + least + " to "
                        + most + ", was '" + value + "'");
            }
            return value;
        }

        public WorkerSettings build() {
            limits.build();
            if (poolSize < 0) {
                throw new IllegalArgumentException("poolSize must not be negative");
            }
            positive("maxWorkers", maxWorkers);
            positive("parallelStarts", parallelStarts);
            positive("sessionIdle", sessionIdle.toMillis());
            positive("queueWait", queueWait.toMillis());
            positive("learnerSessions", learnerSessions);
            positive("activeWindow", activeWindow.toMillis());
            if (learnerRuns < 1 || learnerRuns > learnerSessions) {
                // A learner at their session limit with every session running could then park none of their own.
                throw new IllegalArgumentException("learnerRuns must be from 1 to learnerSessions (" + learnerSessions + ")");
            }
            if (learnerQueued < 0) {
                throw new IllegalArgumentException("learnerQueued must not be negative");
            }
            if (workerJar == null) {
                workerJar = WorkerImage.findJar();
            }
            return new WorkerSettings(this);
        }

        private static void positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " is too small");
            }
        }
    }
}
