package otplab.runner;

import otplab.protocol.RunStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The server side of running learner code: a warm pool of sandboxed workers, sessions (one
 * worker per open lesson page, cells sharing state), one-shot runs on a fresh worker, and a queue
 * when every worker is taken.
 *
 * <pre>{@code
 * Runner runner = Runner.create(settings -> settings.poolSize(2).maxWorkers(8)).start();
 * RunResult result = runner.runOnce("System.out.println(1);", OutputListener.NONE);
 * }</pre>
 */
public final class Runner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Runner.class.getName());
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** How often a run waiting for a worker asks the pool again, so a failed start is retried. */
    private static final long RETRY_START_MS = 1000;

    private final RunnerSettings settings;
    private final Sandbox sandbox;
    private final Path runRoot = RunRoot.allocate("runner");
    private final Deque<WorkerProcess> ready = new ArrayDeque<>();
    private final Semaphore permits;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger starting = new AtomicInteger();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    /** Runs wanting a worker while none is ready; the pool starts workers for them too. */
    private final AtomicInteger waiting = new AtomicInteger();
    /** When the pool last finished starting a worker (guarded by {@code ready}). */
    private long lastStart = System.nanoTime();
    private final ExecutorService starter;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("otplab-session-sweeper").factory());
    private WorkerImage image;
    private volatile boolean closed;
    private volatile java.util.function.BiConsumer<String, otplab.protocol.Frame> pageListener = (session, frame) -> { };
    private boolean started;

    private Runner(RunnerSettings settings) {
        this.settings = settings;
        this.sandbox = Sandbox.detect(settings);
        this.permits = new Semaphore(settings.maxWorkers(), true);
        this.starter = Executors.newFixedThreadPool(settings.parallelStarts(),
                Thread.ofPlatform().daemon().name("otplab-pool-starter-", 1).factory());
    }

    /** A runner with default settings changed by {@code config}; call {@link #start()} next. */
    public static Runner create(Consumer<RunnerSettings.Builder> config) {
        RunnerSettings.Builder builder = RunnerSettings.builder();
        config.accept(builder);
        return new Runner(builder.build());
    }

    public static Runner create(RunnerSettings settings) {
        return new Runner(Objects.requireNonNull(settings, "settings must not be null"));
    }

    /** Prepares the worker image (AOT cache) and fills the warm pool in the background; a second call does nothing. */
    public synchronized Runner start() {
        if (started || closed) {
            return this;
        }
        started = true;
        if (sandbox.mode() == Sandbox.Mode.UNAVAILABLE) {
            LOG.warning(sandbox.description());
            return this;
        }
        if (sandbox.mode() == Sandbox.Mode.UNSAFE_NO_SANDBOX) {
            LOG.warning(sandbox.description());
        }
        image = WorkerImage.prepare(settings);
        replenish();
        long sweepEvery = Math.max(1000, settings.sessionIdle().toMillis() / 4);
        sweeper.scheduleWithFixedDelay(this::expireIdleSessions, sweepEvery, sweepEvery, TimeUnit.MILLISECONDS);
        return this;
    }

    public RunnerSettings settings() {
        return settings;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** Runs code on a fresh worker that is discarded afterwards. */
    public RunResult runOnce(String code, OutputListener listener) throws RunnerBusyException {
        return runOnce(code, settings.wallTime(), listener);
    }

    /** Runs code on a fresh worker that is discarded afterwards, within {@code wallTime} (see {@link RunnerSettings#boundedWallTime}). */
    public RunResult runOnce(String code, Duration wallTime, OutputListener listener) throws RunnerBusyException {
        Optional<RunResult> refused = refuse(code);
        if (refused.isPresent()) {
            return refused.get();
        }
        WorkerProcess worker = acquire(listener);
        try {
            listener.started();
            return worker.run(code, wallTime, listener);
        } finally {
            worker.close();
            permits.release();
        }
    }

    /** Runs a cell in the page's session, starting the session's worker when it has none. */
    public RunResult runInSession(String sessionId, String code, OutputListener listener) throws RunnerBusyException {
        return runInSession(sessionId, code, settings.wallTime(), listener);
    }

    /** Runs a cell in the page's session within {@code wallTime}, starting the session's worker when it has none. */
    public RunResult runInSession(String sessionId, String code, Duration wallTime, OutputListener listener)
            throws RunnerBusyException {
        Objects.requireNonNull(wallTime, "wallTime must not be null");
        Optional<RunResult> refused = refuse(code);
        if (refused.isPresent()) {
            return refused.get();
        }
        Session session = session(sessionId);
        session.lock.lock();
        try {
            session.running = true;
            WorkerProcess worker = session.worker(listener);
            listener.started();
            RunResult result = worker.run(code, wallTime, listener);
            if (!worker.isAlive()) {
                session.discardWorker();
            }
            return result;
        } finally {
            session.running = false;
            session.touch();
            session.lock.unlock();
        }
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
    public WorkerProcess.Completions complete(String sessionId, String code, int cursor) throws RunnerBusyException {
        if (refuse(code).isPresent()) {
            return WorkerProcess.Completions.NONE;
        }
        Session session = session(sessionId);
        if (!session.lock.tryLock()) {
            return WorkerProcess.Completions.NONE;
        }
        try {
            WorkerProcess worker = session.worker(OutputListener.NONE);
            return worker.complete(code, cursor);
        } finally {
            session.touch();
            session.lock.unlock();
        }
    }

    /** Where every session worker's unasked page frames go, with the session's id; see {@link PageRoutes}. */
    public void onPageFrame(java.util.function.BiConsumer<String, otplab.protocol.Frame> listener) {
        pageListener = Objects.requireNonNull(listener, "listener must not be null");
    }

    /** The session's live worker, if it has one; page panels talk to it without starting a new one. */
    public Optional<WorkerProcess> sessionWorker(String sessionId) {
        Session session = sessions.get(validSession(sessionId));
        WorkerProcess worker = session == null ? null : session.worker;
        if (session != null) {
            session.touch();
        }
        return worker != null && worker.isAlive() ? Optional.of(worker) : Optional.empty();
    }

    /** Pool figures for {@code /healthz}. */
    public Map<String, Object> health() {
        Map<String, Object> figures = new LinkedHashMap<>();
        int ready;
        synchronized (this.ready) {
            ready = this.ready.size();
        }
        figures.put("ready", ready);
        figures.put("busy", settings.maxWorkers() - permits.availablePermits());
        figures.put("sessions", sessions.size());
        figures.put("queued", queued.get());
        figures.put("maxWorkers", settings.maxWorkers());
        figures.put("sandbox", sandbox.mode() == Sandbox.Mode.BUBBLEWRAP ? "bubblewrap" : sandbox.description());
        return figures;
    }

    private Optional<RunResult> refuse(String code) {
        if (sandbox.mode() == Sandbox.Mode.UNAVAILABLE) {
            throw new SandboxUnavailableException(sandbox.description());
        }
        if (code.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > settings.sourceBytes()) {
            return Optional.of(RunResult.refused(RunStatus.REJECTED,
                    "the code is longer than " + settings.sourceBytes() / 1024 + " KiB"));
        }
        return Optional.empty();
    }

    private static String validSession(String id) {
        if (id == null || !SESSION_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a session id is 1 to 64 letters, digits, '-' or '_'");
        }
        return id;
    }

    private Session session(String id) {
        return sessions.computeIfAbsent(validSession(id), Session::new);
    }

    /**
     * Runs work that starts a worker of its own (a grading) under one of the runner's permits,
     * so gradings and cells together never exceed {@code maxWorkers}; waits in the same queue.
     */
    public <T> T withWorkerPermit(Supplier<T> work) throws RunnerBusyException {
        Objects.requireNonNull(work, "work must not be null");
        awaitPermit(OutputListener.NONE);
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    /** Takes a permit, waiting in the queue when none is free. */
    private void awaitPermit(OutputListener listener) throws RunnerBusyException {
        if (!permits.tryAcquire() && !(evictIdleSession() && permits.tryAcquire())) {
            int waiting = queued.incrementAndGet();
            listener.queued(waiting);
            try {
                if (!permits.tryAcquire(settings.queueWait().toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new RunnerBusyException();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunnerBusyException();
            } finally {
                queued.decrementAndGet();
            }
        }
    }

    /** Takes a permit (waiting in the queue when none is free) and a warm or fresh worker. */
    private WorkerProcess acquire(OutputListener listener) throws RunnerBusyException {
        awaitPermit(listener);
        try {
            WorkerProcess worker = takeReady();
            replenish();
            if (worker != null) {
                return worker;
            }
            return image == null ? startWorker() : awaitStartedWorker(listener);
        } catch (IOException | RuntimeException e) {
            permits.release();
            LOG.log(Level.WARNING, "could not start a worker", e);
            throw new RunnerBusyException();
        }
    }

    /**
     * Waits for the pool's next worker instead of starting one here: starts stay bounded by
     * {@link RunnerSettings#parallelStarts()}, so a burst of runs on a small machine is served
     * first come, first served by workers that start at full speed, not by twenty JVMs that all
     * start at once and all finish late.
     */
    private WorkerProcess awaitStartedWorker(OutputListener listener) throws IOException {
        long waitingSince = System.nanoTime();
        listener.queued(waiting.incrementAndGet());
        try {
            while (true) {
                replenish();
                synchronized (ready) {
                    WorkerProcess worker = takeReady();
                    if (worker != null) {
                        return worker;
                    }
                    // Give up only when the pool stopped making progress, not because the line is long.
                    long left = Math.max(waitingSince, lastStart) + RunnerSettings.START_TIMEOUT.toNanos() - System.nanoTime();
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

    private WorkerProcess takeReady() {
        synchronized (ready) {
            while (!ready.isEmpty()) {
                WorkerProcess worker = ready.pollFirst();
                if (worker.isAlive()) {
                    return worker;
                }
            }
            return null;
        }
    }

    private WorkerProcess startWorker() throws IOException {
        return WorkerProcess.start(settings, sandbox, image, runRoot, this::workerDied);
    }

    private void workerDied(WorkerProcess worker) {
        boolean wasReady;
        synchronized (ready) {
            wasReady = ready.remove(worker);
        }
        if (wasReady) {
            replenish();
        }
    }

    /**
     * Keeps {@code poolSize} workers warm plus one for every run waiting for a worker, starting at
     * most {@link RunnerSettings#parallelStarts()} at a time so a burst does not starve the CPU.
     */
    private void replenish() {
        if (closed || image == null) {
            return;
        }
        int missing;
        synchronized (ready) {
            missing = wanted() - ready.size() - starting.get();
            starting.addAndGet(Math.max(0, missing));
        }
        for (int i = 0; i < missing; i++) {
            starter.submit(() -> {
                try {
                    WorkerProcess worker = startWorker();
                    boolean keep;
                    synchronized (ready) {
                        keep = !closed && ready.size() < wanted();
                        lastStart = System.nanoTime();
                        if (keep) {
                            ready.addLast(worker);
                            ready.notifyAll();
                        }
                    }
                    if (!keep) {
                        worker.close();
                    }
                } catch (IOException | RuntimeException e) {
                    // Closing interrupts a start in progress: expected then, worth a warning otherwise.
                    LOG.log(closed ? Level.FINE : Level.WARNING, "could not start a warm worker", e);
                } finally {
                    starting.decrementAndGet();
                }
            });
        }
    }

    private int wanted() {
        return settings.poolSize() + waiting.get();
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
                } finally {
                    session.lock.unlock();
                }
            }
        }
    }

    /** Number of sessions with a live worker; for tests and figures. */
    int liveSessions() {
        return (int) sessions.values().stream().filter(s -> s.worker != null && s.worker.isAlive()).count();
    }

    /** Every process of every worker this runner holds, for leak checks. */
    java.util.List<ProcessHandle> processes() {
        java.util.List<ProcessHandle> all = new java.util.ArrayList<>();
        synchronized (ready) {
            ready.forEach(w -> all.addAll(w.processTree()));
        }
        sessions.values().forEach(s -> {
            if (s.worker != null) {
                all.addAll(s.worker.processTree());
            }
        });
        return all;
    }

    @Override
    public void close() {
        closed = true;
        sweeper.shutdownNow();
        starter.shutdownNow();
        try {
            starter.awaitTermination(RunnerSettings.START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sessions.keySet().forEach(this::reset);
        // Closing a worker may call back into workerDied, which edits the deque: close a copy.
        java.util.List<WorkerProcess> warm;
        synchronized (ready) {
            warm = java.util.List.copyOf(ready);
            ready.clear();
        }
        warm.forEach(WorkerProcess::close);
        RunRoot.remove(runRoot);
    }

    private final class Session {
        final String id;
        final ReentrantLock lock = new ReentrantLock();
        volatile WorkerProcess worker;
        volatile boolean running;
        volatile long lastUsed = System.nanoTime();

        Session(String id) {
            this.id = id;
        }

        WorkerProcess worker(OutputListener listener) throws RunnerBusyException {
            if (worker != null && !worker.isAlive()) {
                discardWorker();
            }
            if (worker == null) {
                worker = acquire(listener);
                worker.onPageFrame(frame -> pageListener.accept(id, frame));
            }
            return worker;
        }

        void discardWorker() {
            if (worker != null) {
                worker.close();
                worker = null;
                permits.release();
            }
        }

        void touch() {
            lastUsed = System.nanoTime();
        }
    }
}
