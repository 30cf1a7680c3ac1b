package otplab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's HAProxy running the configuration the repository ships ({@value #CONFIG}), in the
 * foreground, with its addresses given through the environment variables that file reads.
 */
final class HaproxyProcess implements AutoCloseable {
    static final String CONFIG = "src/deploy/haproxy.cfg";
    static final String ENV_BIND = "OTPLAB_PROXY_BIND";
    static final String ENV_INSTANCE_A = "OTPLAB_INSTANCE_A";
    static final String ENV_INSTANCE_B = "OTPLAB_INSTANCE_B";
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    private static final List<Path> WHERE = Stream.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin")
            .map(dir -> Path.of(dir, "haproxy")).toList();

    private final Process process;
    private final List<String> output;
    final String url;

    private HaproxyProcess(Process process, List<String> output, String url) {
        this.process = process;
        this.output = output;
        this.url = url;
    }

    /** The haproxy binary, when installed. */
    static Optional<Path> binary() {
        return WHERE.stream().filter(Files::isExecutable).findFirst();
    }

    /** Starts HAProxy in front of two instances ({@code host:port} each) and waits until it accepts connections. */
    static HaproxyProcess start(Path home, String instanceA, String instanceB) throws Exception {
        Path haproxy = binary().orElseThrow(() -> new IllegalStateException("haproxy is not installed"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // -db: stay in the foreground, so the process is the proxy and ends with it.
        ProcessBuilder builder = new ProcessBuilder(haproxy.toString(), "-db", "-f", home.resolve(CONFIG).toString())
                .directory(home.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", "/usr/sbin:/usr/bin:/bin", ENV_BIND, "127.0.0.1:" + port,
                ENV_INSTANCE_A, instanceA, ENV_INSTANCE_B, instanceB));
        Process process = builder.start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread.ofPlatform().daemon().name("haproxy-output").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ended) {
                // the process is gone; whatever it said is in output
            }
        });
        HaproxyProcess proxy = new HaproxyProcess(process, output, "http://127.0.0.1:" + port + "/");
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                proxy.close();
                throw new IllegalStateException("HAProxy did not start listening on port " + port + ":\n" + proxy.output());
            }
            Thread.sleep(50);
        }
        return proxy;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
