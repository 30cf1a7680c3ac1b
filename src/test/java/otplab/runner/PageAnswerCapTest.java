package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a page panel relays from learner code (a router's answer) is held to the run's output limit
 * too. The framework already cuts a router's body at 256 KiB, so the server's own check is shown
 * with a limit below that.
 */
class PageAnswerCapTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 64 * 1024;
    private static RunnerServer server;

    @BeforeAll
    static void start() {
        server = new RunnerServer(Duration.ofSeconds(10), LIMIT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRouterAnswerPastTheOutputLimitIsRefusedInWordsAndASmallOneIsRelayed() throws Exception {
        JsonNode tried = JSON.readTree(server.post("/api/run", JSON.writeValueAsBytes(Map.of("session", "page-cap", "code", """
                Router.tryInPage(Router.build(r -> r
                        .get("/big", (conn, params) -> Controller.text(conn, "x".repeat(100_000)))
                        .get("/small", (conn, params) -> Controller.text(conn, "fits"))));
                """))).body());
        assertEquals("ok", tried.path("status").asText(), tried.toString());

        JsonNode big = server.firstAnswer(server.http, Map.of("type", "request", "session", "page-cap", "id", "r1",
                "method", "GET", "path", "/big", "body", ""));
        assertEquals("response", big.path("type").asText(), big.toString().substring(0, Math.min(300, big.toString().length())));
        assertTrue(big.path("error").asText().contains("output limit"), "body of " + big.path("body").asText().length() + " chars");
        assertFalse(big.has("body"));

        JsonNode small = server.firstAnswer(server.http, Map.of("type", "request", "session", "page-cap", "id", "r2",
                "method", "GET", "path", "/small", "body", ""));
        assertEquals("fits", small.path("body").asText(), small.toString());
        server.runner.reset("page-cap");
    }
}
