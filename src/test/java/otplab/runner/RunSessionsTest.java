package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import otplab.jvm.WorkerSettings;

class RunSessionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunnerServer server;

    @BeforeAll
    static void start() {
        server = new RunnerServer(Duration.ofSeconds(3));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode post(String path, Map<String, Object> body) throws Exception {
        var response = server.post(path, JSON.writeValueAsBytes(body));
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void cellsOfOneSessionShareAClassUntilReset() throws Exception {
        assertEquals("ok", post("/api/run", Map.of("session", "page-a", "code", "record Greeting(String who) {}"))
                .path("status").asText());
        JsonNode used = post("/api/run", Map.of("session", "page-a", "code", "new Greeting(\"Ada\").who()"));
        assertEquals("ok", used.path("status").asText(), used.toString());
        assertTrue(used.path("values").get(0).asText().endsWith("==> \"Ada\""), used.toString());
        post("/api/sessions/page-a/reset", Map.of());
        JsonNode afterReset = post("/api/run", Map.of("session", "page-a", "code", "new Greeting(\"Ada\")"));
        assertEquals("compile_error", afterReset.path("status").asText(), afterReset.toString());
        server.runner.reset("page-a");
    }

    @Test
    void aTimedOutSessionCellKeepsTheSessionWhenTheLoopStopsCooperatively() throws Exception {
        post("/api/run", Map.of("session", "page-b", "code", "int kept = 7;"));
        assertEquals("timeout", post("/api/run", Map.of("session", "page-b", "code", "while (true) { }")).path("status").asText());
        JsonNode after = post("/api/run", Map.of("session", "page-b", "code", "kept"));
        assertEquals("ok", after.path("status").asText(), after.toString());
        server.runner.reset("page-b");
    }

    @Test
    void aRequestsTimeoutMsReplacesTheDefaultWallTime() throws Exception {
        JsonNode cut = post("/api/run", Map.of("code", "Thread.sleep(2500);", "timeoutMs", 300));
        assertEquals("timeout", cut.path("status").asText(), cut.toString());
        assertTrue(cut.path("error").asText().contains("300 ms"), cut.toString());
        JsonNode longer = post("/api/run", Map.of("session", "page-t", "code", "Thread.sleep(3300);", "timeoutMs", 8000));
        assertEquals("ok", longer.path("status").asText(), longer.toString());
        server.runner.reset("page-t");
        var bad = server.post("/api/run", JSON.writeValueAsBytes(Map.of("code", "1", "timeoutMs", "soon")));
        assertEquals(400, bad.statusCode());
        assertTrue(JSON.readTree(bad.body()).path("error").asText().contains("timeoutMs"), bad.body());
    }

    @Test
    void aRequestedTimeoutIsBoundedByTheSettingsMaximum() {
        WorkerSettings settings = WorkerSettings.builder().wallTime(Duration.ofSeconds(5)).maxWallTime(Duration.ofSeconds(20)).build();
        assertEquals(Duration.ofSeconds(20), settings.boundedWallTime(600_000));
        assertEquals(Duration.ofMillis(1500), settings.boundedWallTime(1500));
        assertEquals(Duration.ofMillis(1), settings.boundedWallTime(0));
    }

    @Test
    void completionOffersTheSessionsNames() throws Exception {
        post("/api/run", Map.of("session", "page-c", "code", "String greetingText = \"hi\";"));
        JsonNode answer = post("/api/complete", Map.of("session", "page-c", "code", "greetingT", "cursor", 9));
        assertTrue(answer.path("items").toString().contains("greetingText"), answer.toString());
        server.runner.reset("page-c");
    }

    @Test
    void requestsWithoutCodeOrJsonGet400() throws Exception {
        assertEquals(400, server.post("/api/run", "not json".getBytes()).statusCode());
        assertEquals(400, server.post("/api/run", "{\"session\":\"x\"}".getBytes()).statusCode());
        assertEquals(400, server.post("/api/run", "{\"code\":\"1\",\"session\":\"../etc\"}".getBytes()).statusCode());
    }

    @Test
    void theWebSocketStreamsOutputBeforeTheResultAndStopEndsALoop() throws Exception {
        List<JsonNode> messages = new CopyOnWriteArrayList<>();
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        server.get("/healthz"); // the page load that gives this client its owner cookie
        WebSocket socket = server.http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.app.port() + "/ws/run"), new JsonFrames(message -> {
                    messages.add(message);
                    if (message.path("type").asText().equals("result")) {
                        result.complete(message);
                    }
                }, result::completeExceptionally)).get(5, TimeUnit.SECONDS);
        socket.sendText(JSON.writeValueAsString(Map.of("type", "run", "session", "page-d", "cell", "c1",
                "code", "System.out.println(\"tick\");\nwhile (true) { }")), true).join();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (messages.stream().noneMatch(m -> m.path("type").asText().equals("out")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        socket.sendText(JSON.writeValueAsString(Map.of("type", "stop", "session", "page-d")), true).join();
        JsonNode done = result.get(10, TimeUnit.SECONDS);
        assertEquals("killed", done.path("status").asText(), done.toString());
        JsonNode firstOut = messages.stream().filter(m -> m.path("type").asText().equals("out")).findFirst().orElseThrow();
        assertEquals("tick\n", firstOut.path("text").asText());
        assertTrue(messages.indexOf(firstOut) < messages.indexOf(done));
        socket.abort();
        server.runner.reset("page-d");
    }

    @Test
    void healthReportsPoolFigures() throws Exception {
        JsonNode health = JSON.readTree(server.get("/healthz").body());
        for (String figure : List.of("ready", "busy", "sessions", "queued")) {
            assertTrue(health.path("runner").has(figure), health.toString());
        }
        assertEquals("bubblewrap", health.path("runner").path("sandbox").asText());
    }
}
