package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * While a cell attacks its worker (every core busy, threads until the limit, memory until the
 * heap is gone), the server keeps answering {@code /healthz}; the attack ends in a clear status and
 * the next run gets a fresh worker.
 */
class HealthDuringAttackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CONTAINED = Set.of("timeout", "killed", "runtime_error");
    private static RunnerServer server;

    @BeforeAll
    static void start() {
        server = new RunnerServer(Duration.ofSeconds(6));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // every core busy, in threads the cell does not wait for
        "for (int i = 0; i < 8; i++) new Thread(() -> { while (true) { } }).start();\nwhile (true) { }",
        // threads until the process limit refuses more
        "while (true) new Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } }).start();",
        // memory until the heap is gone
        "var hog = new java.util.ArrayList<long[]>();\nwhile (true) hog.add(new long[1 << 17]);"
    })
    void healthzAnswersOkWhileACellAttacksItsWorker(String attack) throws Exception {
        CompletableFuture<JsonNode> attacked = CompletableFuture.supplyAsync(() -> {
            try {
                return JSON.readTree(server.post("/api/run", JSON.writeValueAsBytes(Map.of("code", attack))).body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitBusyWorker(attacked);
        int answered = 0;
        while (!attacked.isDone() || answered == 0) {
            HttpResponse<String> health = server.get("/healthz");
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("ok", JSON.readTree(health.body()).path("status").asText(), health.body());
            answered++;
            if (attacked.isDone()) {
                break;
            }
            Thread.sleep(200);
        }
        JsonNode result = attacked.get(60, TimeUnit.SECONDS);
        assertTrue(CONTAINED.contains(result.path("status").asText()), result.toString());
        assertTrue(!result.path("error").asText().isBlank(), "the learner must read why: " + result);
        JsonNode next = JSON.readTree(server.post("/api/run", JSON.writeValueAsBytes(Map.of("code", "6 * 7"))).body());
        assertEquals("ok", next.path("status").asText(), next.toString());
    }

    /** Waits until the attack holds a worker, so the health checks below happen during it. */
    private static void awaitBusyWorker(CompletableFuture<JsonNode> attacked) throws InterruptedException {
        while (!attacked.isDone() && ((Number) server.runner.health().get("busy")).intValue() == 0) {
            Thread.sleep(20);
        }
    }
}
