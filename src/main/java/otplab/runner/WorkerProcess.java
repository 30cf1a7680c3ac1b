package otplab.runner;

import otplab.protocol.RunStatus;

import otplab.protocol.WorkerRole;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import otplab.protocol.CellDiagnostic;
import otplab.protocol.ControlChannel;
import otplab.protocol.Frame;

/**
 * One sandboxed worker JVM seen from the server: starts it, talks to it over the control socket,
 * enforces the wall-time and output limits of each run, and kills its whole process tree.
 * One run at a time; {@link #stop()} may be called from any thread.
 */
public final class WorkerProcess implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WorkerProcess.class.getName());
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    static final String CGROUP_PARENT = "otplab";
    private static final AtomicLong SERIAL = new AtomicLong();

    private final RunnerSettings settings;
    private final Process process;
    private final Path controlDir;
    private final String cgroupName;
    private final ControlChannel channel;
    private final Map<Long, CompletableFuture<Frame>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> death = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile OutputCollector current;
    private volatile long currentRun;
    private volatile CompletableFuture<Void> stopSignal = new CompletableFuture<>();
    private volatile Consumer<Frame> pageListener = frame -> { };

    private WorkerProcess(RunnerSettings settings, Process process, Path controlDir, String cgroupName, ControlChannel channel) {
        this.settings = settings;
        this.process = process;
        this.controlDir = controlDir;
        this.cgroupName = cgroupName;
        this.channel = channel;
    }

    /**
     * Starts a lesson worker (JShell notebook, pages) and waits until its harness reports ready.
     *
     * @param onDeath called once when the worker's process ends or its channel breaks
     */
    public static WorkerProcess start(RunnerSettings settings, Sandbox sandbox, WorkerImage image, Path runRoot,
                                      Consumer<WorkerProcess> onDeath) throws IOException {
        return start(settings, sandbox, image, runRoot, WorkerRole.NOTEBOOK, onDeath);
    }

    /**
     * Starts a worker in {@code role} (a notebook, or a grading worker, which skips the notebook and
     * answers only {@link #grade}) in the same sandbox and limits.
     */
    public static WorkerProcess start(RunnerSettings settings, Sandbox sandbox, WorkerImage image, Path runRoot,
                                      WorkerRole role, Consumer<WorkerProcess> onDeath) throws IOException {
        Objects.requireNonNull(role, "role must not be null");
        Files.createDirectories(runRoot);
        Path controlDir = Files.createTempDirectory(runRoot, "w");
        Files.setPosixFilePermissions(controlDir, PosixFilePermissions.fromString("rwx--x--x"));
        Path socketPath = controlDir.resolve("control.sock");
        int uid = sandbox.nextWorkerUid();
        String cgroupName = "w" + ProcessHandle.current().pid() + "-" + SERIAL.incrementAndGet();
        Process process = null;
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socketPath), 1);
            Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-rw-rw-"));
            if (sandbox.usesCgroups()) {
                createCgroups(settings, cgroupName);
            }
            List<String> command = sandbox.wrap(settings, image, controlDir, uid, CGROUP_PARENT + "/" + cgroupName,
                    image.javaCommand(settings, socketPath, role));
            process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            SocketChannel accepted = acceptOne(listener, process);
            Files.deleteIfExists(socketPath);
            ControlChannel channel = new ControlChannel(accepted);
            WorkerProcess worker = new WorkerProcess(settings, process, controlDir, sandbox.usesCgroups() ? cgroupName : null, channel);
            worker.pump(process.getInputStream(), "out");
            worker.pump(process.getErrorStream(), "err");
            Frame hello = worker.awaitHello();
            if (hello.type() != Frame.Type.HELLO) {
                throw new IOException("the worker did not introduce itself");
            }
            worker.death.thenRun(() -> onDeath.accept(worker));
            process.onExit().thenRun(worker::markDead);
            Thread.ofPlatform().daemon().name("otplab-worker-reader").start(worker::readFrames);
            return worker;
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                killTree(process);
            }
            removeCgroups(cgroupName);
            deleteQuietly(controlDir);
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private static SocketChannel acceptOne(ServerSocketChannel listener, Process process) throws IOException {
        CompletableFuture<SocketChannel> accepted = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                accepted.complete(listener.accept());
            } catch (IOException e) {
                accepted.completeExceptionally(e);
            }
        });
        try {
            return accepted.get(RunnerSettings.START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            String why = process.isAlive() ? "did not connect in time" : "exited with code " + process.exitValue();
            throw new IOException("the worker " + why, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting a worker", e);
        }
    }

    private Frame awaitHello() throws IOException {
        CompletableFuture<Frame> hello = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                hello.complete(channel.receive());
            } catch (IOException e) {
                hello.completeExceptionally(e);
            }
        });
        try {
            return hello.get(RunnerSettings.START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IOException("the worker did not become ready", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting a worker", e);
        }
    }

    private void readFrames() {
        try {
            while (true) {
                Frame frame = channel.receive();
                switch (frame.type()) {
                    case OUT -> {
                        OutputCollector collector = current;
                        if (collector != null && frame.id() == currentRun) {
                            collector.add(frame.field("stream").orElse("out"), frame.data());
                        }
                    }
                    case RESULT, COMPLETIONS, ERROR, GRADED, WARMED -> {
                        CompletableFuture<Frame> waiter = pending.remove(frame.id());
                        if (waiter != null) {
                            waiter.complete(frame);
                        }
                    }
                    case RESPONSE, LIVE_REPLY -> {
                        CompletableFuture<Frame> waiter = pending.remove(frame.id());
                        if (waiter != null) {
                            waiter.complete(frame);
                        }
                    }
                    case LIVE_RENDER, PUBLISH -> pageListener.accept(frame);
                    default -> LOG.fine(() -> "ignoring a " + frame.type() + " frame from a worker");
                }
            }
        } catch (IOException closed) {
            markDead();
        }
    }

    /** Raw file descriptors 1 and 2 are learner output too (e.g. writes to FileDescriptor.out), never frames. */
    private void pump(InputStream stream, String name) {
        Thread.ofPlatform().daemon().name("otplab-worker-" + name).start(() -> {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = stream.read(buffer)) > 0) {
                    OutputCollector collector = current;
                    if (collector != null) {
                        collector.add(name, java.util.Arrays.copyOf(buffer, n));
                    }
                }
            } catch (IOException closed) {
                // The process ended; its death is noticed through onExit.
            }
        });
    }

    private void markDead() {
        if (death.isDone()) {
            return;
        }
        killTree(process);
        death.complete(null);
        pending.values().forEach(waiter -> waiter.completeExceptionally(new IOException("the worker ended")));
        pending.clear();
        removeCgroups(cgroupName);
        deleteQuietly(controlDir);
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already closed by the peer.
        }
    }

    public boolean isAlive() {
        return !death.isDone() && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Every process of this worker, the wrapper processes included, as the host sees them. */
    public List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.toHandle().descendants().forEach(tree::add);
        return tree;
    }

    /** Asks the running cell to stop; the run then ends with status {@code killed}. */
    public void stop() {
        stopSignal.complete(null);
    }

    /** Evaluates one cell within the default wall time, streaming output to {@code listener}. */
    public RunResult run(String code, OutputListener listener) {
        return run(code, settings.wallTime(), listener);
    }

    /** Evaluates one cell within {@code wallTime}, streaming output to {@code listener}. */
    public RunResult run(String code, Duration wallTime, OutputListener listener) {
        Objects.requireNonNull(wallTime, "wallTime must not be null");
        long started = System.nanoTime();
        if (!isAlive()) {
            return RunResult.refused(RunStatus.KILLED, "the worker had ended before the run started");
        }
        long id = ids.incrementAndGet();
        OutputCollector collector = new OutputCollector(settings.outputBytes(), listener);
        CompletableFuture<Frame> result = new CompletableFuture<>();
        pending.put(id, result);
        stopSignal = new CompletableFuture<>();
        current = collector;
        currentRun = id;
        RunStatus forced = null;
        String forcedMessage = "";
        try {
            channel.send(Frame.of(Frame.Type.EVAL, id, "code", code));
            CompletableFuture.anyOf(result, stopSignal, death).get(wallTime.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            forced = RunStatus.TIMEOUT;
            forcedMessage = "the run took longer than " + readable(wallTime) + " and was stopped";
        } catch (IOException | ExecutionException e) {
            LOG.log(Level.FINE, "worker channel failed during a run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (forced == null && stopSignal.isDone() && !result.isDone()) {
            forced = RunStatus.KILLED;
            forcedMessage = "the run was stopped";
        }
        if (forced != null && isAlive()) {
            awaitStop(id, result);
        }
        Frame frame = result.isDone() && !result.isCompletedExceptionally() ? result.join() : null;
        current = null;
        pending.remove(id);
        long duration = (System.nanoTime() - started) / 1_000_000;
        if (frame == null) {
            RunStatus status = forced != null ? forced : RunStatus.KILLED;
            String message = forced != null ? forcedMessage
                    : "the worker running this code ended unexpectedly (it may have run out of memory, threads or CPU time)";
            return new RunResult(status, collector.stdout(), collector.stderr(), List.of(), List.of(),
                    message + "; a fresh worker takes the next run, so earlier declarations are gone", duration, collector.truncated());
        }
        return fromFrame(frame, collector, forced, forcedMessage, duration);
    }

    private static String readable(Duration time) {
        return time.toMillis() % 1000 == 0 ? time.toSeconds() + " s" : time.toMillis() + " ms";
    }

    /** Gives a stopped cell a short grace to end by itself; kills the worker when it does not. */
    private void awaitStop(long id, CompletableFuture<Frame> result) {
        try {
            channel.send(Frame.of(Frame.Type.STOP, id));
            result.get(RunnerSettings.STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }

    private RunResult fromFrame(Frame frame, OutputCollector collector, RunStatus forced, String forcedMessage, long duration) {
        RunStatus status = frame.field("status").flatMap(RunStatus::fromWireName).orElse(RunStatus.RUNTIME_ERROR);
        String error = frame.field("error").orElse("");
        if (forced != null) {
            status = forced;
            error = forcedMessage;
        }
        if (error.startsWith("java.lang.OutOfMemoryError")) {
            error += "\n(the worker ran out of memory and was replaced, so earlier declarations are gone)";
            close();
        }
        List<CellDiagnostic> diagnostics = new ArrayList<>();
        for (String encoded : frame.all("diagnostic")) {
            try {
                diagnostics.add(CellDiagnostic.decode(encoded));
            } catch (IllegalArgumentException malformed) {
                LOG.fine("dropping a malformed diagnostic from a worker");
            }
        }
        return new RunResult(status, collector.stdout(), collector.stderr(), frame.all("value"), diagnostics,
                error, duration, collector.truncated());
    }

    /** How a grading request ended: the report's bytes, the wall limit passing, or the worker failing. */
    public sealed interface GradeAnswer {
        record Report(byte[] data) implements GradeAnswer {}

        record TimedOut() implements GradeAnswer {}

        /** {@code message} is the harness's ERROR message, or empty when the worker died; {@code output} its raw output. */
        record Failed(String message, String output) implements GradeAnswer {}
    }

    /** Sends one grading request (see {@code otplab.worker.grading}); the worker should be closed afterwards. */
    public GradeAnswer grade(byte[] request, Duration wallLimit) {
        long id = ids.incrementAndGet();
        OutputCollector collector = new OutputCollector(settings.outputBytes(), OutputListener.NONE);
        CompletableFuture<Frame> answer = new CompletableFuture<>();
        pending.put(id, answer);
        current = collector;
        currentRun = id;
        try {
            channel.send(new Frame(Frame.Type.GRADE, id, List.of(), request));
            CompletableFuture.anyOf(answer, death).get(wallLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new GradeAnswer.TimedOut();
        } catch (IOException | ExecutionException e) {
            LOG.log(Level.FINE, "worker channel failed during grading", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pending.remove(id);
            current = null;
        }
        Frame frame = answer.isDone() && !answer.isCompletedExceptionally() ? answer.join() : null;
        if (frame != null && frame.type() == Frame.Type.GRADED) {
            return new GradeAnswer.Report(frame.data());
        }
        String message = frame == null ? "" : frame.field("message").orElse("");
        return new GradeAnswer.Failed(message, collector.stdout() + collector.stderr());
    }

    /**
     * Has a grading worker compile {@code request} (see {@code GradingHarness.rehearse}) before its
     * grading; false when it did not finish within {@code limit} or the worker is gone.
     */
    public boolean warmUp(byte[] request, Duration limit) {
        if (!isAlive()) {
            return false;
        }
        long id = ids.incrementAndGet();
        CompletableFuture<Frame> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            channel.send(new Frame(Frame.Type.WARM_UP, id, List.of(), request));
            return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS).type() == Frame.Type.WARMED;
        } catch (IOException | ExecutionException | TimeoutException e) {
            LOG.log(Level.FINE, "a grading worker's warm-up did not finish", e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            pending.remove(id);
        }
    }

    /** Completion suggestions; empty when the worker does not answer within the wall time. */
    public Completions complete(String code, int cursor) {
        if (!isAlive()) {
            return Completions.NONE;
        }
        long id = ids.incrementAndGet();
        CompletableFuture<Frame> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            channel.send(Frame.of(Frame.Type.COMPLETE, id, "code", code, "cursor", Integer.toString(cursor)));
            Frame frame = answer.get(settings.wallTime().toMillis(), TimeUnit.MILLISECONDS);
            int anchor = frame.field("anchor").map(Integer::parseInt).orElse(cursor);
            return new Completions(anchor, frame.all("item"));
        } catch (IOException | ExecutionException | TimeoutException | NumberFormatException e) {
            return Completions.NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Completions.NONE;
        } finally {
            pending.remove(id);
        }
    }

    /** Where the worker's unasked page frames (LIVE_RENDER, PUBLISH) go; see {@link PageRoutes}. */
    public void onPageFrame(Consumer<Frame> listener) {
        pageListener = java.util.Objects.requireNonNull(listener, "listener must not be null");
    }

    /**
     * Sends a page request (REQUEST, LIVE_EVENT) and waits for its answer. Empty when the worker
     * ended or did not answer within {@code limit}; a worker that does not answer in time is
     * stopped, since its learner code may be looping.
     */
    public java.util.Optional<Frame> ask(Frame.Type type, List<String> fields, Duration limit) {
        if (!isAlive()) {
            return java.util.Optional.empty();
        }
        long id = ids.incrementAndGet();
        CompletableFuture<Frame> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            channel.send(new Frame(type, id, fields, null));
            return java.util.Optional.of(answer.get(limit.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            close();
            return java.util.Optional.empty();
        } catch (IOException | ExecutionException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        } finally {
            pending.remove(id);
        }
    }

    /** Sends a frame that needs no answer (DELIVER). */
    public void tell(Frame.Type type, List<String> fields) {
        try {
            channel.send(new Frame(type, 0, fields, null));
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not tell a worker", e);
        }
    }

    /** Kills the whole process tree and removes the worker's control folder and cgroups. */
    @Override
    public void close() {
        markDead();
    }

    private static void killTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>();
        process.toHandle().descendants().forEach(tree::add);
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            process.onExit().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warning("a worker process did not end after SIGKILL");
        }
    }

    static void createCgroups(RunnerSettings settings, String name) throws IOException {
        Path pids = CGROUP_ROOT.resolve("pids").resolve(CGROUP_PARENT).resolve(name);
        Path memory = CGROUP_ROOT.resolve("memory").resolve(CGROUP_PARENT).resolve(name);
        Files.createDirectories(pids);
        Files.createDirectories(memory);
        Files.writeString(pids.resolve("pids.max"), Integer.toString(settings.maxThreads() + 32));
        Files.writeString(memory.resolve("memory.limit_in_bytes"), Long.toString(settings.memoryMb() * 1024L * 1024L));
    }

    /** Kills anything left in the worker's cgroups (the cgroup sees through pid namespaces), then removes them. */
    static void removeCgroups(String name) {
        if (name == null) {
            return;
        }
        for (String controller : List.of("pids", "memory")) {
            Path group = CGROUP_ROOT.resolve(controller).resolve(CGROUP_PARENT).resolve(name);
            if (!Files.isDirectory(group)) {
                continue;
            }
            for (int attempt = 0; attempt < 50; attempt++) {
                List<String> pids;
                try {
                    pids = Files.readAllLines(group.resolve("cgroup.procs"));
                } catch (IOException gone) {
                    break;
                }
                if (pids.isEmpty()) {
                    break;
                }
                pids.forEach(pid -> ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            deleteWhenEmpty(group);
        }
    }

    /** A killed process leaves its cgroup a moment after SIGKILL; rmdir fails with EBUSY until then. */
    private static void deleteWhenEmpty(Path group) {
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                Files.deleteIfExists(group);
                return;
            } catch (IOException busy) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        LOG.warning("could not remove cgroup " + group);
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException gone) {
            LOG.fine("control folder already removed");
        }
    }

    /** What completion offers: replace the text from {@code anchor} to the cursor with an item. */
    public record Completions(int anchor, List<String> items) {
        public static final Completions NONE = new Completions(0, List.of());

        public Completions {
            items = List.copyOf(items);
        }
    }
}
