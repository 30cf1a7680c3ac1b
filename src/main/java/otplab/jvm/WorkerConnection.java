package otplab.jvm;


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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.protocol.ControlChannel;
import otplab.protocol.Frame;
import otplab.protocol.WorkerRole;

/**
 * One sandboxed worker JVM seen from the server: starts it in its sandbox and cgroups, talks to it
 * over the control socket (request/answer exchanges, frames it sends unasked, its raw output), notices
 * its death and kills its whole process tree. What the requests mean is its clients' business: a
 * notebook ({@code otplab.runner.NotebookWorker}) or a grading ({@code otplab.grader.GradingWorker}).
 */
public final class WorkerConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerConnection.class);
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    static final String CGROUP_PARENT = "otplab";
    private static final AtomicLong SERIAL = new AtomicLong();

    private final WorkerSettings settings;
    private final Process process;
    private final Path controlDir;
    private final String cgroupName;
    private final ControlChannel channel;
    private final Map<Long, CompletableFuture<Frame>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> death = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile OutputCollector current;
    private volatile long currentRun;
    private volatile Consumer<Frame> pageListener = frame -> { };

    private WorkerConnection(WorkerSettings settings, Process process, Path controlDir, String cgroupName, ControlChannel channel) {
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
    public static WorkerConnection start(WorkerSettings settings, Sandbox sandbox, WorkerImage image, Path runRoot,
                                      Consumer<WorkerConnection> onDeath) throws IOException {
        return start(settings, sandbox, image, runRoot, WorkerRole.NOTEBOOK, onDeath);
    }

    /**
     * Starts a worker in {@code role} (a notebook, or a grading worker, which skips the notebook and
     * answers only {@link #grade}) in the same sandbox and limits.
     */
    public static WorkerConnection start(WorkerSettings settings, Sandbox sandbox, WorkerImage image, Path runRoot,
                                      WorkerRole role, Consumer<WorkerConnection> onDeath) throws IOException {
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
            process = Sandbox.launcher(command).start();
            process.getOutputStream().close();
            SocketChannel accepted = acceptOne(listener, process);
            Files.deleteIfExists(socketPath);
            ControlChannel channel = new ControlChannel(accepted);
            WorkerConnection worker = new WorkerConnection(settings, process, controlDir, sandbox.usesCgroups() ? cgroupName : null, channel);
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
            return accepted.get(WorkerSettings.START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
            return hello.get(WorkerSettings.START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
                    case RESULT, COMPLETIONS, ERROR, GRADED, WARMED, RESTARTED -> {
                        CompletableFuture<Frame> waiter = pending.remove(frame.id());
                        if (waiter != null) {
                            waiter.complete(frame);
                        }
                    }
                    case RESPONSE, LIVE_REPLY, OBSERVE_REPLY -> {
                        CompletableFuture<Frame> waiter = pending.remove(frame.id());
                        if (waiter != null) {
                            waiter.complete(frame);
                        }
                    }
                    case LIVE_RENDER, PUBLISH, OBSERVED -> pageListener.accept(frame);
                    default -> LOG.debug("ignoring a {} frame from a worker", frame.type());
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

    /**
     * Opens one request/answer exchange: a fresh id whose answer frame completes {@link Exchange#answer()},
     * and, when {@code output} is given, the learner output the worker prints meanwhile (OUT frames of that
     * id, raw fds 1 and 2) added to it. Close it when the exchange is over.
     */
    public Exchange open(OutputCollector output) {
        long id = ids.incrementAndGet();
        CompletableFuture<Frame> answer = new CompletableFuture<>();
        pending.put(id, answer);
        if (output != null) {
            current = output;
            currentRun = id;
        }
        return new Exchange(id, answer, output);
    }

    /** One request to the worker and the frame that answers it; see {@link #open}. */
    public final class Exchange implements AutoCloseable {
        private final long id;
        private final CompletableFuture<Frame> answer;
        private final OutputCollector output;

        private Exchange(long id, CompletableFuture<Frame> answer, OutputCollector output) {
            this.id = id;
            this.answer = answer;
            this.output = output;
        }

        public long id() {
            return id;
        }

        /** Completes with the answer; fails when the worker ends first. */
        public CompletableFuture<Frame> answer() {
            return answer;
        }

        /** Sends a frame of this exchange's id. */
        public void send(Frame.Type type, List<String> fields, byte[] data) throws IOException {
            channel.send(new Frame(type, id, fields, data));
        }

        /** The answer, when it arrived in one piece. */
        public java.util.Optional<Frame> received() {
            return answer.isDone() && !answer.isCompletedExceptionally() ? java.util.Optional.of(answer.join()) : java.util.Optional.empty();
        }

        @Override
        public void close() {
            pending.remove(id);
            if (output != null && current == output) {
                current = null;
            }
        }
    }

    /** Completes when the worker's process ends or its channel breaks. */
    public CompletableFuture<Void> death() {
        return death;
    }

    /** The settings the worker was started with. */
    public WorkerSettings settings() {
        return settings;
    }

    /** Where the worker's unasked page frames (LIVE_RENDER, PUBLISH, OBSERVED) go: a session's page panels. */
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
        try (Exchange exchange = open(null)) {
            exchange.send(type, fields, null);
            return java.util.Optional.of(exchange.answer().get(limit.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            close();
            return java.util.Optional.empty();
        } catch (IOException | ExecutionException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** Sends a frame that needs no answer (DELIVER). */
    public void tell(Frame.Type type, List<String> fields) {
        try {
            channel.send(new Frame(type, 0, fields, null));
        } catch (IOException e) {
            LOG.debug("could not tell a worker", e);
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
            LOG.warn("a worker process did not end after SIGKILL");
        }
    }

    static void createCgroups(WorkerSettings settings, String name) throws IOException {
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
        LOG.warn("could not remove cgroup {}", group);
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException gone) {
            LOG.debug("control folder already removed");
        }
    }
}
