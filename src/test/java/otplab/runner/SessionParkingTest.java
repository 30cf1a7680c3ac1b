package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * When workers run short, an idle session is parked (its next run answers {@code lost} with why,
 * so the page can replay its cells) before anyone active is touched; an active learner's session
 * is never taken, and a one-shot run that cannot get a worker in time hears where it stood and
 * when to come back. Real server, real sandboxed workers, two of them.
 */
class SessionParkingTest {
    private static final Duration ACTIVE = Duration.ofSeconds(2);

    @Test
    void anIdleSessionIsParkedBeforeAnActiveOneAndComesBackAsLost() throws Exception {
        try (RunnerServer server = new RunnerServer(s -> s.poolSize(1).maxWorkers(2).activeWindow(ACTIVE)
                .queueWait(Duration.ofSeconds(120)))) {
            LearnerClient idle = new LearnerClient(server);
            LearnerClient active = new LearnerClient(server);
            LearnerClient newcomer = new LearnerClient(server);
            List<String> parked = new CopyOnWriteArrayList<>();
            server.runner.onParked(parked::add);
            assertEquals("ok", idle.run("idle-page", "int kept = 1;").path("status").asText());
            assertEquals("ok", active.run("active-page", "int busy = 2;").path("status").asText());
            // Both sessions age past the active window; then one of them is used again.
            Thread.sleep(ACTIVE.toMillis() + 500);
            assertEquals("ok", active.run("active-page", "busy++;").path("status").asText());

            JsonNode ran = newcomer.run("newcomer-page", "System.out.println(\"room for me\");");
            assertEquals("room for me\n", ran.path("stdout").asText(), ran.toString());

            JsonNode lost = idle.next(idle.runOnSocket("idle-page", "kept", true), "lost");
            assertEquals(LostSessions.PARKED, lost.path("reason").asText());
            assertEquals(List.of(Runner.PARKED_IDLE), parked);
            JsonNode kept = active.next(active.runOnSocket("active-page", "busy", true), "result");
            assertEquals("busy ==> 3", kept.path("values").get(0).asText(), kept.toString());
        }
    }

    @Test
    void anActiveSessionIsNeverParkedAndARunThatCannotWaitHearsItsPlaceAndWhenToComeBack() throws Exception {
        try (RunnerServer server = new RunnerServer(s -> s.poolSize(0).maxWorkers(2).queueWait(Duration.ofSeconds(3)))) {
            LearnerClient first = new LearnerClient(server);
            LearnerClient second = new LearnerClient(server);
            LearnerClient newcomer = new LearnerClient(server);
            assertEquals("ok", first.run("first-page", "int a = 1;").path("status").asText());
            assertEquals("ok", second.run("second-page", "int b = 2;").path("status").asText());

            HttpResponse<String> refused = newcomer.post("/api/run", Map.of("code", "1 + 1"));
            assertEquals(503, refused.statusCode(), refused.body());
            JsonNode body = LearnerClient.JSON.readTree(refused.body());
            assertEquals(1, body.path("position").asInt(), body.toString());
            assertTrue(body.path("estimateSeconds").asInt() >= 1, body.toString());
            assertTrue(body.path("error").asText().startsWith("all workers are busy right now (your run was 1st in line"), body.toString());
            assertEquals(Long.toString(body.path("estimateSeconds").asLong()), refused.headers().firstValue("Retry-After").orElseThrow());

            assertEquals("a ==> 1", first.run("first-page", "a").path("values").get(0).asText());
            assertEquals("b ==> 2", second.run("second-page", "b").path("values").get(0).asText());
        }
    }
}
