package otplab.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import otplab.jvm.WorkerSettings;

/** A real runner behind a real Javalin on a free port, for the API and attack tests. */
final class RunnerServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final Runner runner;
    final Javalin app;
    /** Keeps the owner cookie like a browser: a session belongs to the cookie that first used it. */
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    RunnerServer(Duration wallTime) {
        this(wallTime, WorkerSettings.DEFAULT_OUTPUT_BYTES);
    }

    RunnerServer(Duration wallTime, int outputBytes) {
        this(s -> s.poolSize(1).maxWorkers(3).wallTime(wallTime).outputBytes(outputBytes));
    }

    /** A server whose runner has the default settings changed by {@code settings}. */
    RunnerServer(java.util.function.Consumer<WorkerSettings.Builder> settings) {
        runner = Runner.create(settings).start();
        app = Javalin.create(config -> {
            RunRoutes.register(config, runner);
            RunRoutes.registerHealth(config, runner);
        }).start("127.0.0.1", 0);
    }

    HttpResponse<String> post(String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends one message on a fresh socket of {@code client} and answers the first message that comes back. */
    JsonNode firstAnswer(HttpClient client, Map<String, Object> message) throws Exception {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        WebSocket socket = client.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + app.port() + "/ws/run"),
                new JsonFrames(answer::complete, answer::completeExceptionally)).get(5, TimeUnit.SECONDS);
        socket.sendText(JSON.writeValueAsString(message), true).join();
        try {
            return answer.get(30, TimeUnit.SECONDS);
        } finally {
            socket.abort();
        }
    }

    /** Waits until every process under this JVM belongs to a warm or session worker (a starting warm worker joins soon). */
    boolean noStrayWorkers() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (strays().isEmpty()) {
                return true;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    List<ProcessHandle> strays() {
        Set<Long> known = runner.processes().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        // Only processes of worker launches count: other tests in this JVM may own a browser.
        return ProcessHandle.current().descendants()
                .filter(p -> !known.contains(p.pid()))
                .filter(p -> p.info().commandLine().map(line -> line.contains("otplab")).orElse(true))
                .filter(Leftovers::running)
                .toList();
    }

    @Override
    public void close() {
        app.stop();
        runner.close();
    }
}
