package otplab.grader;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import otplab.worker.grading.GradingCodec;
import otplab.worker.grading.GradingReport;
import otplab.worker.grading.GradingRequest;
import otplab.worker.grading.GradingWorkerMain;

/**
 * Starts a fresh worker JVM for one grading request and collects its report over a private
 * Unix socket. The worker is killed with its whole process tree when the wall-time limit
 * passes, and never outlives the grading.
 */
public final class GradingWorkerLauncher {
    static final int RAW_OUTPUT_CAP = 16 * 1024;
    static final String HEAP = "-Xmx256m";
    private static final List<String> JVM_FLAGS = List.of(HEAP, "-XX:MaxMetaspaceSize=192m", "-Xss1m",
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true");

    private final Path javaBinary;
    private final String classpath;

    private GradingWorkerLauncher(Path javaBinary, String classpath) {
        this.javaBinary = javaBinary;
        this.classpath = classpath;
    }

    /** A launcher whose workers run on this JVM's own java and the worker part of its classpath. */
    public static GradingWorkerLauncher fromCurrentJvm() {
        return new GradingWorkerLauncher(Path.of(System.getProperty("java.home"), "bin", "java"),
                WorkerClasspath.fromCurrentJvm());
    }

    public WorkerOutcome run(GradingRequest request, Duration wallLimit) {
        Objects.requireNonNull(request, "request must not be null");
        Objects.requireNonNull(wallLimit, "wallLimit must not be null");
        Path dir;
        try {
            dir = Files.createTempDirectory("otplab-grade-");
        } catch (IOException e) {
            return new WorkerOutcome.Unavailable("cannot create a temporary folder: " + e.getMessage());
        }
        Path socket = dir.resolve("channel.sock");
        Process process = null;
        RawOutput raw = new RawOutput();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             ExecutorService exchange = Executors.newVirtualThreadPerTaskExecutor()) {
            server.bind(UnixDomainSocketAddress.of(socket));
            List<String> command = new ArrayList<>();
            command.add(javaBinary.toString());
            command.addAll(JVM_FLAGS);
            command.addAll(List.of("-cp", classpath, GradingWorkerMain.class.getName(), socket.toString()));
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            Process started = process;
            exchange.submit(() -> raw.drain(started.getInputStream()));
            Future<GradingReport> report = exchange.submit(() -> exchangeOver(server, socket, request));
            try {
                return new WorkerOutcome.Reported(report.get(wallLimit.toMillis(), TimeUnit.MILLISECONDS), raw.text());
            } catch (TimeoutException e) {
                kill(process);
                return new WorkerOutcome.TimedOut(wallLimit, raw.text());
            } catch (ExecutionException e) {
                int exit = process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
                kill(process);
                return new WorkerOutcome.EndedEarly(exit, raw.text());
            } finally {
                kill(process);
                report.cancel(true);
                server.close();
            }
        } catch (IOException e) {
            return new WorkerOutcome.Unavailable("cannot start a grading worker: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WorkerOutcome.Unavailable("grading was interrupted");
        } finally {
            if (process != null) {
                kill(process);
            }
            deleteQuietly(dir);
        }
    }

    private static GradingReport exchangeOver(ServerSocketChannel server, Path socket, GradingRequest request)
            throws IOException {
        try (SocketChannel channel = server.accept()) {
            // One worker, one connection: nobody else may reach the channel afterwards.
            server.close();
            Files.deleteIfExists(socket);
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
            byte[] frame = GradingCodec.encode(request);
            out.writeInt(frame.length);
            out.write(frame);
            out.flush();
            DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
            int length = in.readInt();
            if (length < 0 || length > 64 * 1024 * 1024) {
                throw new IOException("the worker announced a report of " + length + " bytes");
            }
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new IOException("the worker's report was cut short");
            }
            return GradingCodec.decodeReport(bytes);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover empty temporary folder harms nobody
        }
    }

    /** The worker's raw stdout/stderr, kept up to a cap and drained to the end so it never blocks. */
    private static final class RawOutput {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Void drain(InputStream in) throws IOException {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (bytes) {
                    bytes.write(buffer, 0, Math.max(0, Math.min(n, RAW_OUTPUT_CAP - bytes.size())));
                }
            }
            return null;
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
