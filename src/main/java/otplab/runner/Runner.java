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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.jvm.OutputListener;
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
 * <pre>{@code
 * Runner runner = Runner.create(settings -> settings.poolSize(2).maxWorkers(8)).start();
 * RunResult result = runner.runOnce("System.out.println(1);", OutputListener.NONE);
 * }</pre>
 */
public final class Runner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Workers workers;
    private final WorkerSettings settings;
    private final Sandbox sandbox;
    private final WorkerPool pool;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final LostSessions lost = new LostSessions();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("otplab-session-sweeper").factory());
    private volatile boolean closed;
    private volatile BiConsumer<String, Frame> pageListener = (session, frame) -> { };
    private boolean started;

    private Runner(Workers workers) {
        this.workers = workers;
        this.settings = workers.settings();
        this.sandbox = workers.sandbox();
        this.pool = workers.pool("runner", WorkerPool.spec(WorkerRole.NOTEBOOK)
                .size(settings.poolSize()).parallelStarts(settings.parallelStarts()));
        workers.permits().whenExhausted(this::evictIdleSession);
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

    /** Runs code on a fresh worker that is discarded afterwards. */
    public RunResult runOnce(String code, OutputListener listener) throws WorkersBusyException {
        return runOnce(code, settings.wallTime(), listener);
    }

    /** Runs code on a fresh worker that is discarded afterwards, within {@code wallTime} (see {@link WorkerSettings#boundedWallTime}). */
    public RunResult runOnce(String code, Duration wallTime, OutputListener listener) throws WorkersBusyException {
        Optional<RunResult> refused = refuse(code);
        if (refused.isPresent()) {
            return refused.get();
        }
        NotebookWorker worker = acquire(listener);
        try {
            listener.started();
            return worker.run(code, wallTime, listener);
        } finally {
            worker.close();
            workers.permits().release();
        }
    }

    /** Runs a cell in the page's session, starting the session's worker when it has none. */
    public RunResult runInSession(String sessionId, String code, OutputListener listener) throws WorkersBusyException {
        return runInSession(sessionId, code, settings.wallTime(), listener);
    }

    /** Runs a cell in the page's session within {@code wallTime}, starting the session's worker when it has none. */
    public RunResult runInSession(String sessionId, String code, Duration wallTime, OutputListener listener)
            throws WorkersBusyException {
        Objects.requireNonNull(wallTime, "wallTime must not be null");
        Optional<RunResult> refused = refuse(code);
        if (refused.isPresent()) {
            return refused.get();
        }
        Session session = session(sessionId);
        session.lock.lock();
        try {
            session.running = true;
            NotebookWorker worker = session.worker(listener);
            listener.started();
            RunResult result = worker.run(code, wallTime, listener);
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

    /** Ends the session: its worker and every declaration are gone; the next run starts afresh. */
    public void reset(String sessionId) {
        Session session = sessions.remove(validSession(sessionId));
        lost.forget(sessionId);
        if (session != null) {
            if (session.worker != null) {
                session.worker.stop();
            }
            session.lock.lock();
            try {
                session.discardWorker();
            } finally {
                session.lock.unlock();
            }
        }
    }

    /** Completion in the session's JShell; empty while a cell of the session is running. */
    public NotebookWorker.Completions complete(String sessionId, String code, int cursor) throws WorkersBusyException {
        if (refuse(code).isPresent()) {
            return NotebookWorker.Completions.NONE;
        }
        Session session = session(sessionId);
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
        figures.put("queued", workers.permits().queued());
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
        return RunMetrics.figures(inUse, pool.readyCount(), pool.startingCount());
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

    private Session session(String id) {
        return sessions.computeIfAbsent(validSession(id), Session::new);
    }

    /** Takes a permit (waiting in the queue when none is free) and a warm or fresh notebook worker. */
    private NotebookWorker acquire(OutputListener listener) throws WorkersBusyException {
        workers.permits().acquire(listener);
        try {
            return new NotebookWorker(pool.take(listener));
        } catch (IOException | RuntimeException e) {
            workers.permits().release();
            LOG.warn("could not start a worker", e);
            throw new WorkersBusyException();
        }
    }

    /** Frees the permit of the least recently used session that is not running a cell. */
    private boolean evictIdleSession() {
        Optional<Session> oldest = sessions.values().stream().filter(s -> s.worker != null && !s.running)
                .min(Comparator.comparingLong(s -> s.lastUsed));
        if (oldest.isEmpty() || !oldest.get().lock.tryLock()) {
            return false;
        }
        Session session = oldest.get();
        try {
            sessions.remove(session.id, session);
            session.discardWorker();
            lost.record(session.id, LostSessions.EVICTED);
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
        return all;
    }

    @Override
    public void close() {
        closed = true;
        sweeper.shutdownNow();
        pool.close();
        sessions.keySet().forEach(this::reset);
    }

    private final class Session {
        final String id;
        final ReentrantLock lock = new ReentrantLock();
        volatile NotebookWorker worker;
        volatile boolean running;
        volatile long lastUsed = System.nanoTime();

        Session(String id) {
            this.id = id;
        }

        NotebookWorker worker(OutputListener listener) throws WorkersBusyException {
            if (worker != null && !worker.isAlive()) {
                discardWorker();
                lost.record(id, LostSessions.CRASHED);
            }
            if (worker == null) {
                worker = acquire(listener);
                worker.connection().onPageFrame(frame -> pageListener.accept(id, frame));
            }
            return worker;
        }

        void discardWorker() {
            if (worker != null) {
                worker.close();
                worker = null;
                workers.permits().release();
            }
        }

        void touch() {
            lastUsed = System.nanoTime();
        }
    }
}
