package otplab.runner;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.jvm.OutputListener;
import otplab.jvm.QueuePlace;
import otplab.jvm.Sandbox;
import otplab.jvm.SandboxUnavailableException;
import otplab.jvm.WorkerConnection;
import otplab.jvm.WorkerPool;
import otplab.jvm.WorkerSettings;
import otplab.jvm.Workers;
import otplab.jvm.WorkersBusyException;
import otplab.protocol.Frame;
import otplab.protocol.WorkerRole;

/**
 * The server side of running learner code: sessions (one notebook worker per open lesson page,
 * cells sharing state) and one-shot runs on a fresh worker, both drawn from one warm
 * {@link WorkerPool} on the {@link Workers} floor and counted against its permits.
 *
 * <p>Shared fairly among learners (a learner is an owner cookie, see {@code OwnerCookie}): each has
 * a lane of their own ({@link LearnerLanes}: runs in flight, more waiting, more refused in words),
 * at most {@link WorkerSettings#learnerSessions()} sessions with a worker (past it their own least
 * recently used idle session is parked), and freed workers go round-robin across learners
 * ({@link otplab.jvm.WorkerPermits}). When workers run short an idle session is parked only once it
 * has been unused for {@link WorkerSettings#activeWindow()}; an active session is never taken.
 *
 * <p>A page that ends (its reset) leaves its worker to the same learner's next page when {@link
 * WorkerSettings#learnerReuse()} is on: the worker restarts (every process killed, the framework's
 * tables emptied, a new JShell) and waits as that learner's spare, holding its permit, so the next
 * page skips a JVM start and a cold javac. A spare never serves another learner; it is the first
 * thing retired when workers run short, and it is retired instead of reused when it restarted
 * unclean, has used much of its CPU limit, or burnt CPU while it waited.
 *
 * <pre>{@code
 * Runner runner = Runner.create(settings -> settings.poolSize(2).maxWorkers(8).learnerSessions(3)).start();
 * RunResult result = runner.runOnce("System.out.println(1);", OutputListener.NONE);
 * }</pre>
 */
public final class Runner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Learner keys of callers without an owner cookie; a cookie never starts with either, so they meet no learner's lane. */
    private static final String SESSION_LEARNER = "session:";
    private static final String ANONYMOUS_LEARNER = "anonymous:";
    /** How often a reset sends its stop again while the session's run has not ended. */
    private static final long RESTOP_MS = 250;
    /** Why a session was parked, as {@code /metrics} counts it. */
    static final String PARKED_IDLE = "idle";
    static final String PARKED_OWN_LIMIT = "own_limit";
    /** How long a spare's restart may take; one that takes longer is retired. */
    static final Duration RESTART_TIMEOUT = Duration.ofSeconds(10);
    /** A spare that used more than this share of a core while it waited ran something: it is retired. */
    static final double SPARE_IDLE_CPU_SHARE = 0.2;
    /** CPU a spare may use while it waits regardless of how long (its collector, its observer's ticks). */
    static final Duration SPARE_IDLE_CPU_SLACK = Duration.ofMillis(300);

    private final Workers workers;
    private final WorkerSettings settings;
    private final Sandbox sandbox;
    private final WorkerPool pool;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    /** Per learner, the worker of their last page, restarting or restarted, waiting for their next page. */
    private final Map<String, Spare> spares = new ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService restarts = Executors.newVirtualThreadPerTaskExecutor();
    private final LostSessions lost = new LostSessions();
    private final LearnerLanes lanes;
    private final RecentRuns recent = new RecentRuns();
    /** Runs on a worker right now: how many turn over at once, for a queued run's estimate. */
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong anonymous = new AtomicLong();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("otplab-session-sweeper").factory());
    private volatile boolean closed;
    private volatile BiConsumer<String, Frame> pageListener = (session, frame) -> { };
    private volatile Consumer<String> parkedListener = reason -> { };
    private volatile Runnable reusedListener = () -> { };
    private boolean started;

    private Runner(Workers workers) {
        this.workers = workers;
        this.settings = workers.settings();
        this.sandbox = workers.sandbox();
        this.pool = workers.pool("runner", WorkerPool.spec(WorkerRole.NOTEBOOK)
                .size(settings.poolSize()).parallelStarts(settings.parallelStarts()).warmUpAhead(NotebookWarmUp::warm));
        this.lanes = new LearnerLanes(settings.learnerRuns(), settings.learnerQueued(), settings.queueWait());
        workers.permits().whenExhausted(this::parkIdleSession);
    }

    /** A runner on a floor of its own, with default settings changed by {@code config}; call {@link #start()} next. */
    public static Runner create(Consumer<WorkerSettings.Builder> config) {
        WorkerSettings.Builder builder = WorkerSettings.builder();
        config.accept(builder);
        return create(builder.build());
    }

    public static Runner create(WorkerSettings settings) {
        return create(Workers.create(Objects.requireNonNull(settings, "settings must not be null")));
    }

    /** A runner on a floor it shares (with the grader, in a server): one sandbox probe, one image, one set of permits. */
    public static Runner create(Workers workers) {
        return new Runner(Objects.requireNonNull(workers, "workers must not be null"));
    }

    /** Prepares the floor's worker image (once per floor) and fills the warm pool in the background; a second call does nothing. */
    public synchronized Runner start() {
        if (started || closed) {
            return this;
        }
        started = true;
        if (!workers.prepare()) {
            return this;
        }
        pool.prepare();
        long sweepEvery = Math.max(1000, settings.sessionIdle().toMillis() / 4);
        sweeper.scheduleWithFixedDelay(this::expireIdleSessions, sweepEvery, sweepEvery, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The floor this runner's workers stand on. */
    public Workers workers() {
        return workers;
    }

    public WorkerSettings settings() {
        return settings;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** Runs code on a fresh worker that is discarded afterwards, for a caller that is no learner (it gets a lane of its own). */
    public RunResult runOnce(String code, OutputListener listener) throws WorkersBusyException {
        return runOnce(code, settings.wallTime(), listener);
    }

    /** Runs code on a fresh worker that is discarded afterwards, within {@code wallTime} (see {@link WorkerSettings#boundedWallTime}). */
    public RunResult runOnce(String code, Duration wallTime, OutputListener listener) throws WorkersBusyException {
        return runOnce(anonymousLearner(), code, wallTime, listener);
    }

    /**
     * Runs {@code learner}'s code on a fresh worker that is discarded afterwards, within {@code
     * wallTime}: in their lane, then in the round-robin line for a worker.
     *
     * @throws LearnerLimitException when the learner already has as many runs going and waiting as one may have
     */
    public RunResult runOnce(String learner, String code, Duration wallTime, OutputListener listener) throws WorkersBusyException {
        Objects.requireNonNull(learner, "learner must not be null");
        Objects.requireNonNull(wallTime, "wallTime must not be null");
        Optional<RunResult> refused = refuse(code);
        if (refused.isPresent()) {
            return refused.get();
        }
        lanes.enter(learner, laneListener(listener));
        try {
            NotebookWorker worker = acquire(learner, listener);
            try {
                listener.started();
                return timed(() -> worker.run(code, wallTime, listener));
            } finally {
                worker.close();
                workers.permits().release();
            }
        } finally {
            lanes.exit(learner);
        }
    }

    /** Runs a cell in the page's session, starting the session's worker when it has none; the session is its own learner. */
    public RunResult runInSession(String sessionId, String code, OutputListener listener) throws WorkersBusyException {
        return runInSession(sessionId, code, settings.wallTime(), listener);
    }

    /** Runs a cell in the page's session within {@code wallTime}; the session is its own learner. */
    public RunResult runInSession(String sessionId, String code, Duration wallTime, OutputListener listener)
            throws WorkersBusyException {
        return runInSession(SESSION_LEARNER + validSession(sessionId), sessionId, code, wallTime, listener);
    }

    /**
     * Runs a cell of {@code learner} in the page's session within {@code wallTime}, starting the
     * session's worker when it has none (parking the learner's own least recently used idle session
     * when they are at their session limit).
     *
     * @throws LearnerLimitException when the learner already has as many runs going and waiting as one may have
     */
    public RunResult runInSession(String learner, String sessionId, String code, Duration wallTime, OutputListener listener)
            throws WorkersBusyException {
        Objects.requireNonNull(learner, "learner must not be null");
        Objects.requireNonNull(wallTime, "wallTime must not be null");
        Optional<RunResult> refused = refuse(code);
        if (refused.isPresent()) {
            return refused.get();
        }
        lanes.enter(learner, laneListener(listener));
        try {
            Session session = lockedSession(sessionId, learner);
            try {
                session.running = true;
                NotebookWorker worker = session.worker(listener);
                listener.started();
                RunResult result = timed(() -> worker.run(code, wallTime, listener));
                if (!worker.isAlive()) {
                    session.discardWorker();
                    lost.record(sessionId, LostSessions.CRASHED);
                }
                return result;
            } finally {
                session.running = false;
                session.touch();
                session.lock.unlock();
            }
        } finally {
            lanes.exit(learner);
        }
    }

    /**
     * Why the session's worker, and with it every declaration of its cells, is gone; empty while
     * it has a live worker. A page that has run cells asks before its next run, so the learner
     * hears why instead of meeting "cannot find symbol" or a missing process.
     */
    public Optional<String> whyLost(String sessionId) {
        Session session = sessions.get(validSession(sessionId));
        NotebookWorker worker = session == null ? null : session.worker;
        if (worker != null) {
            return worker.isAlive() ? Optional.empty() : Optional.of(LostSessions.CRASHED);
        }
        return Optional.of(lost.reason(sessionId));
    }

    /** Stops the session's running cell, if any. */
    public void stop(String sessionId) {
        Session session = sessions.get(validSession(sessionId));
        if (session != null && session.worker != null) {
            session.worker.stop();
        }
    }

    /**
     * Ends the session: its declarations are gone and the next run starts afresh. Its worker is
     * retired, or restarted as its learner's spare (see the class comment).
     */
    public void reset(String sessionId) {
        Session session = sessions.remove(validSession(sessionId));
        lost.forget(sessionId);
        if (session != null) {
            stopUntilLocked(session);
            try {
                if (!setAside(session)) {
                    session.discardWorker();
                }
            } finally {
                session.lock.unlock();
            }
        }
    }

    /**
     * Hands the session's worker, with its permit, to a restart that makes it its learner's spare;
     * false when it is not to be kept (no learner cookie, reuse off, a worker gone or near its CPU
     * limit), and the caller retires it.
     */
    private boolean setAside(Session session) {
        NotebookWorker worker = session.worker;
        if (!settings.learnerReuse() || closed || worker == null || !worker.isAlive() || !isCookieLearner(session.learner)
                || worker.cpuTime().toSeconds() * 2 > settings.limits().cpuSeconds()) {
            return false;
        }
        session.worker = null;
        worker.connection().onPageFrame(frame -> { });
        CompletableFuture<Rested> restarted = CompletableFuture.supplyAsync(() -> {
            try {
                if (worker.restart(RESTART_TIMEOUT)) {
                    return new Rested(worker, worker.cpuTime(), System.nanoTime());
                }
            } catch (RuntimeException failed) {
                LOG.warn("a notebook worker's restart failed", failed);
            }
            retire(worker);
            return null;
        }, restarts);
        Spare previous = spares.put(session.learner, new Spare(restarted));
        if (previous != null) {
            retireWhenRestarted(previous);
        }
        return true;
    }

    /** The learner's spare when it restarted clean and stayed idle since; otherwise null (a spare found unfit is retired). */
    private NotebookWorker claimSpare(String learner) {
        Spare spare = spares.remove(learner);
        if (spare == null) {
            return null;
        }
        Rested rested;
        try {
            rested = spare.restarted().get(RESTART_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            retireWhenRestarted(spare);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            retireWhenRestarted(spare);
            return null;
        }
        if (rested == null) {
            return null;
        }
        if (!rested.worker().isAlive() || rested.busySince()) {
            retire(rested.worker());
            return null;
        }
        reusedListener.run();
        return rested.worker();
    }

    /** Retires the oldest spare, for a learner waiting for a worker; true when one was retired. */
    private boolean retireOldestSpare() {
        return spares.entrySet().stream()
                .filter(entry -> entry.getValue().restarted().isDone())
                .min(Comparator.comparingLong(entry -> entry.getValue().since()))
                .map(entry -> spares.remove(entry.getKey(), entry.getValue()) && retireWhenRestarted(entry.getValue()))
                .orElse(false);
    }

    /** Retires a spare once its restart is over (at once when it is); always true. */
    private boolean retireWhenRestarted(Spare spare) {
        spare.restarted().thenAccept(rested -> {
            if (rested != null) {
                retire(rested.worker());
            }
        });
        return true;
    }

    private void retire(NotebookWorker worker) {
        worker.close();
        workers.permits().release();
    }

    private static boolean isCookieLearner(String learner) {
        return !learner.startsWith(SESSION_LEARNER) && !learner.startsWith(ANONYMOUS_LEARNER);
    }

    /** A worker restarted clean, with the CPU time it had used then. */
    private record Rested(NotebookWorker worker, Duration cpuAtRest, long restedAt) {
        /** Whether it used more CPU while it waited than an idle JVM does: learner code outlived the restart. */
        boolean busySince() {
            Duration waited = Duration.ofNanos(System.nanoTime() - restedAt);
            Duration allowed = SPARE_IDLE_CPU_SLACK.plus(Duration.ofNanos((long) (waited.toNanos() * SPARE_IDLE_CPU_SHARE)));
            return worker.cpuTime().minus(cpuAtRest).compareTo(allowed) > 0;
        }
    }

    /** A learner's spare: its restart, and when it was set aside. */
    private record Spare(CompletableFuture<Rested> restarted, long since) {
        Spare(CompletableFuture<Rested> restarted) {
            this(restarted, System.nanoTime());
        }
    }

    /**
     * Takes the session's lock, stopping its cell until it is free: a stop that reaches a run before
     * the run has sent its cell is lost, so it is sent again while the run holds the lock.
     */
    private static void stopUntilLocked(Session session) {
        boolean interrupted = false;
        while (true) {
            NotebookWorker worker = session.worker;
            if (worker != null) {
                worker.stop();
            }
            try {
                if (session.lock.tryLock(RESTOP_MS, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Completion in the session's JShell; empty while a cell of the session is running. The session is its own learner. */
    public NotebookWorker.Completions complete(String sessionId, String code, int cursor) throws WorkersBusyException {
        return complete(SESSION_LEARNER + validSession(sessionId), sessionId, code, cursor);
    }

    /** Completion in {@code learner}'s session; empty while a cell of the session is running. */
    public NotebookWorker.Completions complete(String learner, String sessionId, String code, int cursor) throws WorkersBusyException {
        Objects.requireNonNull(learner, "learner must not be null");
        if (refuse(code).isPresent()) {
            return NotebookWorker.Completions.NONE;
        }
        Session session = session(sessionId, learner);
        if (!session.lock.tryLock()) {
            return NotebookWorker.Completions.NONE;
        }
        try {
            NotebookWorker worker = session.worker(OutputListener.NONE);
            return worker.complete(code, cursor);
        } finally {
            session.touch();
            session.lock.unlock();
        }
    }

    /** Hears every parked session: {@value #PARKED_IDLE} (for another learner's run) or {@value #PARKED_OWN_LIMIT}. */
    void onParked(Consumer<String> listener) {
        parkedListener = Objects.requireNonNull(listener, "listener must not be null");
    }

    /** Hears every page that took its learner's spare instead of a new worker. */
    void onReused(Runnable listener) {
        reusedListener = Objects.requireNonNull(listener, "listener must not be null");
    }

    /** Where every session worker's unasked page frames go, with the session's id; {@link SessionPages} turns them into events. */
    void onPageFrame(BiConsumer<String, Frame> listener) {
        pageListener = Objects.requireNonNull(listener, "listener must not be null");
    }

    /** The session's live worker, if it has one; page panels ({@link SessionPages}) talk to it without starting a new one. */
    Optional<WorkerConnection> sessionWorker(String sessionId) {
        Session session = sessions.get(validSession(sessionId));
        NotebookWorker worker = session == null ? null : session.worker;
        if (session != null) {
            session.touch();
        }
        return worker != null && worker.isAlive() ? Optional.of(worker.connection()) : Optional.empty();
    }

    /** Pool figures for {@code /healthz}. */
    public Map<String, Object> health() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("ready", pool.readyCount());
        figures.put("busy", workers.permits().busy());
        figures.put("sessions", sessions.size());
        figures.put("spares", spares.size());
        figures.put("queued", workers.permits().queued());
        figures.put("learners", lanes.learners());
        figures.put("maxWorkers", settings.maxWorkers());
        figures.put("sandbox", sandbox.mode() == Sandbox.Mode.BUBBLEWRAP ? "bubblewrap" : sandbox.description());
        return figures;
    }

    /** Open sessions, for {@code /metrics}. */
    int sessionCount() {
        return sessions.size();
    }

    /** Notebook workers in use, ready and starting, for {@code /metrics}. */
    Map<String, Integer> workerFigures() {
        int inUse = (int) sessions.values().stream().filter(s -> s.worker != null).count();
        return RunMetrics.figures(inUse, pool.readyCount(), pool.startingCount(), spares.size());
    }

    private Optional<RunResult> refuse(String code) {
        if (sandbox.mode() == Sandbox.Mode.UNAVAILABLE) {
            throw new SandboxUnavailableException(sandbox.description());
        }
        int bytes = code.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > settings.sourceBytes()) {
            return Optional.of(RunResult.refused(otplab.protocol.RunStatus.REJECTED, tooLong(bytes, settings.sourceBytes())));
        }
        return Optional.empty();
    }

    /** Whether {@code id} is a well-formed session id: 1 to 64 letters, digits, '-' or '_'. */
    static boolean isSessionId(String id) {
        return id != null && SESSION_ID.matcher(id).matches();
    }

    /** The size refusal in a learner's words: how large the cell is, the limit, and what to do. */
    static String tooLong(long bytes, long limit) {
        return String.format(java.util.Locale.ROOT, "this cell is %.1f KiB of code, over the limit of %d KiB for one cell: split it into smaller cells",
                bytes / 1024.0, limit / 1024);
    }

    private static String validSession(String id) {
        if (!isSessionId(id)) {
            throw new IllegalArgumentException("a session id is 1 to 64 letters, digits, '-' or '_'");
        }
        return id;
    }

    private Session session(String id, String learner) {
        return sessions.computeIfAbsent(validSession(id), key -> new Session(key, learner));
    }

    /** The page's session, locked; one parked meanwhile is replaced by a fresh one, so no worker is started for a session nobody can find. */
    private Session lockedSession(String id, String learner) {
        while (true) {
            Session session = session(id, learner);
            session.lock.lock();
            if (sessions.get(id) == session) {
                return session;
            }
            session.lock.unlock();
        }
    }

    private String anonymousLearner() {
        return ANONYMOUS_LEARNER + anonymous.incrementAndGet();
    }

    /** Takes a permit for {@code learner} (waiting in the round-robin line when none is free) and a warm or fresh notebook worker. */
    private NotebookWorker acquire(String learner, OutputListener listener) throws WorkersBusyException {
        workers.permits().acquire(learner, placeListener(listener, () -> Math.max(1, running.get())));
        return take(listener);
    }

    /** A worker from the pool under a permit already held; the permit is given back when none can start. */
    private NotebookWorker take(OutputListener listener) throws WorkersBusyException {
        try {
            return new NotebookWorker(pool.take(listener));
        } catch (IOException | RuntimeException e) {
            workers.permits().release();
            LOG.warn("could not start a worker", e);
            throw new WorkersBusyException();
        }
    }

    private RunResult timed(Supplier<RunResult> run) {
        long began = System.nanoTime();
        running.incrementAndGet();
        try {
            return run.get();
        } finally {
            running.decrementAndGet();
            recent.record(Duration.ofNanos(System.nanoTime() - began));
        }
    }

    /** What a run waiting in its learner's lane hears: its place there, and an estimate for as many runs as a lane lets go at once. */
    private OutputListener laneListener(OutputListener listener) {
        return placeListener(listener, settings::learnerRuns);
    }

    private OutputListener placeListener(OutputListener listener, IntSupplier parallel) {
        return new OutputListener() {
            @Override
            public void queued(QueuePlace place) {
                listener.queued(place.withEstimate(recent.estimate(place.position(), parallel.getAsInt())));
            }
        };
    }

    /**
     * Frees a permit for whoever waits next: parks the least recently used session that is neither
     * running nor active (used within {@link WorkerSettings#activeWindow()}). An active learner's
     * session is never taken; the run waits instead.
     */
    private boolean parkIdleSession() {
        if (retireOldestSpare()) {
            return true;
        }
        long activeSince = System.nanoTime() - settings.activeWindow().toNanos();
        return sessions.values().stream()
                .filter(s -> s.worker != null && !s.running && s.lastUsed - activeSince < 0)
                .sorted(Comparator.comparingLong(s -> s.lastUsed))
                .anyMatch(s -> park(s, LostSessions.PARKED, PARKED_IDLE, true));
    }

    /**
     * Parks {@code learner}'s own least recently used idle session when they are at their session
     * limit, keeping its permit for {@code starting}; true when a permit changed hands so.
     */
    private boolean parkOwnOldest(String learner, Session starting) {
        List<Session> own = sessions.values().stream()
                .filter(s -> s != starting && s.learner.equals(learner) && s.worker != null).toList();
        if (own.size() < settings.learnerSessions()) {
            return false;
        }
        return own.stream().filter(s -> !s.running).sorted(Comparator.comparingLong(s -> s.lastUsed))
                .anyMatch(s -> park(s, LostSessions.ownLimit(settings.learnerSessions()), PARKED_OWN_LIMIT, false));
    }

    /** Stops the session's worker and records why; {@code release} gives its permit back, else the caller keeps it. */
    private boolean park(Session session, String reason, String kind, boolean release) {
        if (!session.lock.tryLock()) {
            return false;
        }
        try {
            if (session.worker == null || session.running) {
                return false;
            }
            sessions.remove(session.id, session);
            session.closeWorker();
            lost.record(session.id, reason);
            parkedListener.accept(kind);
            if (release) {
                workers.permits().release();
            }
            return true;
        } finally {
            session.lock.unlock();
        }
    }

    private void expireIdleSessions() {
        long cutoff = System.nanoTime() - settings.sessionIdle().toNanos();
        for (Session session : sessions.values()) {
            if (session.lastUsed < cutoff && session.lock.tryLock()) {
                try {
                    sessions.remove(session.id, session);
                    session.discardWorker();
                    lost.record(session.id, LostSessions.idle(settings.sessionIdle()));
                } finally {
                    session.lock.unlock();
                }
            }
        }
    }

    /** Every process of every worker this runner holds, for leak checks. */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>(pool.processes());
        sessions.values().forEach(s -> {
            if (s.worker != null) {
                all.addAll(s.worker.connection().processTree());
            }
        });
        spares.values().forEach(spare -> {
            Rested rested = spare.restarted().getNow(null);
            if (rested != null) {
                all.addAll(rested.worker().connection().processTree());
            }
        });
        return all;
    }

    @Override
    public void close() {
        closed = true;
        sweeper.shutdownNow();
        pool.close();
        sessions.keySet().forEach(this::reset);
        spares.values().forEach(this::retireWhenRestarted);
        spares.clear();
        restarts.shutdown();
    }

    private final class Session {
        final String id;
        final String learner;
        final ReentrantLock lock = new ReentrantLock();
        volatile NotebookWorker worker;
        volatile boolean running;
        volatile long lastUsed = System.nanoTime();

        Session(String id, String learner) {
            this.id = id;
            this.learner = learner;
        }

        NotebookWorker worker(OutputListener listener) throws WorkersBusyException {
            if (worker != null && !worker.isAlive()) {
                discardWorker();
                lost.record(id, LostSessions.CRASHED);
            }
            if (worker == null) {
                NotebookWorker spare = claimSpare(learner);
                if (spare == null) {
                    worker = parkOwnOldest(learner, this) ? take(listener) : acquire(learner, listener);
                } else {
                    if (parkOwnOldest(learner, this)) {
                        // The spare brought its own permit, so the parked session's is not needed.
                        workers.permits().release();
                    }
                    worker = spare;
                }
                worker.connection().onPageFrame(frame -> pageListener.accept(id, frame));
            }
            return worker;
        }

        void discardWorker() {
            if (worker != null) {
                closeWorker();
                workers.permits().release();
            }
        }

        /** Ends the worker but keeps its permit: the caller hands it on or releases it. */
        void closeWorker() {
            worker.close();
            worker = null;
        }

        void touch() {
            lastUsed = System.nanoTime();
        }
    }
}
