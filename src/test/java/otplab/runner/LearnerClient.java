package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One learner's browser against a {@link RunnerServer}: its own owner cookie, HTTP calls and run sockets. */
final class LearnerClient {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Prints first, so a test knows the cell is running (a stop sent before a run starts is lost) before it stops it. */
    static final String SLEEP = "System.out.println(\"asleep\"); Thread.sleep(600_000);";
    private static final Set<String> TERMINAL = Set.of("result", "error", "lost");

    private final RunnerServer server;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final List<String> sessions = new ArrayList<>();

    /** A browser that has loaded a page, so it carries its owner cookie. */
    LearnerClient(RunnerServer server) throws Exception {
        this.server = server;
        http.send(HttpRequest.newBuilder(uri("http", "/healthz")).build(), HttpResponse.BodyHandlers.discarding());
    }

    HttpResponse<String> post(String path, Map<String, Object> body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("http", path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a cell in {@code session} over HTTP and answers the result document (failing on any status but 200). */
    JsonNode run(String session, String code) throws Exception {
        sessions.add(session);
        HttpResponse<String> answer = post("/api/run", Map.of("session", session, "code", code));
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    /** Sends one run on a fresh socket; its messages arrive in the queue answered. */
    LinkedBlockingQueue<JsonNode> runOnSocket(String session, String code, boolean resume) throws Exception {
        sessions.add(session);
        LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(uri("ws", "/ws/run"), new JsonFrames(messages::add, e -> {
            throw new IllegalStateException(e);
        })).get(10, TimeUnit.SECONDS);
        socket.sendText(JSON.writeValueAsString(Map.of("type", "run", "session", session, "cell", "c", "code", code,
                "resume", resume)), true).join();
        return messages;
    }

    /** Resets every session this learner used, freeing their workers. */
    void resetAll() throws Exception {
        for (String session : sessions) {
            post("/api/sessions/" + session + "/reset", Map.of());
        }
    }

    /** The next message of {@code type}, failing when a run ends (result, error, lost) with another first. */
    JsonNode next(LinkedBlockingQueue<JsonNode> messages, String type) throws InterruptedException {
        while (true) {
            JsonNode message = messages.poll(180, TimeUnit.SECONDS);
            assertTrue(message != null, "no '" + type + "' message came; the runner: " + server.runner.health());
            if (message.path("type").asText().equals(type)) {
                return message;
            }
            assertFalse(TERMINAL.contains(message.path("type").asText()), "expected '" + type + "', got " + message);
        }
    }

    private URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.app.port() + path);
    }
}
