package otplab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code serve} in a process of its own, for the tests that stop it with a signal or run it
 * from a release image: its output is collected, its address read from the line it prints when it
 * serves, and it is spoken to over real HTTP and a real WebSocket.
 */
final class ServerProcess implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVING = Pattern.compile("OTP Lab is serving .* at (http://\\S+/)");
    private static final Duration START_LIMIT = Duration.ofSeconds(90);

    final Process process;
    final String url;
    /** Keeps cookies like a browser, so the run socket carries the owner cookie a page load set. */
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final List<String> output;

    private ServerProcess(Process process, String url, List<String> output) {
        this.process = process;
        this.url = url;
        this.output = output;
    }

    /** Starts {@code command} with exactly {@code env} and waits until it says where it serves. */
    static ServerProcess start(List<String> command, Map<String, String> env, Path directory) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("server-output").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    Matcher serving = SERVING.matcher(line);
                    if (serving.matches()) {
                        url.complete(serving.group(1));
                    }
                }
            } catch (IOException ended) {
                // the process is gone; whatever it said is in output
            }
            url.completeExceptionally(new IllegalStateException("the server ended before serving:\n" + String.join("\n", output)));
        });
        try {
            return new ServerProcess(process, url.get(START_LIMIT.toSeconds(), TimeUnit.SECONDS), output);
        } catch (TimeoutException slow) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not serve within " + START_LIMIT + ":\n" + String.join("\n", output));
        }
    }

    /** The classpath of this build, as ./otplab runs the server. */
    static String buildClasspath(Path home) throws IOException {
        return home.resolve("target/classes") + File.pathSeparator
                + Files.readString(home.resolve("target/runtime-classpath.txt")).strip();
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url).resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> postAsync(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url).resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A page's run socket: every message it receives goes into {@link Socket#messages}. */
    Socket socket() throws Exception {
        get("/healthz");
        return socket(http, url);
    }

    /** A run socket at {@code baseUrl} (a server or a proxy in front of it), carrying {@code http}'s cookies. */
    static Socket socket(HttpClient http, String baseUrl) throws Exception {
        List<JsonNode> messages = new CopyOnWriteArrayList<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(baseUrl.replace("http://", "ws://")).resolve("/ws/run"),
                new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                messages.add(JSON.readTree(partial.toString()));
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                            partial.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        return new Socket(ws, messages);
    }

    record Socket(WebSocket ws, List<JsonNode> messages) {
        void run(String session, String cell, String code) throws IOException {
            ws.sendText(JSON.writeValueAsString(Map.of("type", "run", "session", session, "cell", cell, "code", code)), true).join();
        }

        /** The first message of {@code type} received so far, waiting for one at most {@code seconds}. */
        JsonNode await(String type, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            do {
                for (JsonNode message : messages) {
                    if (message.path("type").asText().equals(type)) {
                        return message;
                    }
                }
                Thread.sleep(10);
            } while (System.nanoTime() < deadline);
            throw new AssertionError("no '" + type + "' message within " + seconds + " s; got " + messages);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
