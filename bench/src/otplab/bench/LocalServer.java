package otplab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A server of the suite's own: {@code command} (normally {@code ./otplab serve}) started on a free
 * port with a fresh {@code DATA_DIR}, the rest of the environment as given (so {@code
 * OTPLAB_MAX_WORKERS} and the like can be tried), its output kept in a log file, and stopped with
 * SIGTERM as an operator would.
 */
final class LocalServer implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("OTP Lab is serving .* at (http://\\S+/)");
    private static final Duration START_LIMIT = Duration.ofSeconds(180);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(90);

    private final Process process;
    private final URI url;
    private final Path log;
    private final Path data;

    private LocalServer(Process process, URI url, Path log, Path data) {
        this.process = process;
        this.url = url;
        this.log = log;
        this.data = data;
    }

    /** Starts {@code command} with {@code extraEnv} over this process's environment and waits until it serves. */
    static LocalServer start(List<String> command, Map<String, String> extraEnv, Path log) throws IOException, InterruptedException {
        Objects.requireNonNull(command, "command must not be null");
        Path data = Files.createTempDirectory("otplab-class-bench");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(extraEnv);
        builder.environment().put("PORT", "0");
        builder.environment().put("DATA_DIR", data.toString());
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = builder.start();
        CompletableFuture<URI> serving = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("class-bench-server-output").start(() -> copy(process, log, serving));
        try {
            return new LocalServer(process, serving.get(START_LIMIT.toSeconds(), TimeUnit.SECONDS), log, data);
        } catch (ExecutionException | TimeoutException notServing) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not start (" + String.join(" ", command) + "); its output is in " + log);
        }
    }

    private static void copy(Process process, Path log, CompletableFuture<URI> serving) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.println(line);
                Matcher matcher = SERVING.matcher(line);
                if (matcher.matches()) {
                    serving.complete(URI.create(matcher.group(1)));
                }
            }
        } catch (IOException ended) {
            serving.completeExceptionally(ended);
        }
        serving.completeExceptionally(new IllegalStateException("the server ended before serving"));
    }

    URI url() {
        return url;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Stops the server with SIGTERM (SIGKILL if it will not stop) and removes its data folder. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException leftBehind) {
            // a temporary folder; the system's cleaning of /tmp takes what is left
        }
    }
}
