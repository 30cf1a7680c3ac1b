package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * A page's run socket says nothing while its run waits in line for a worker; Jetty's own idle
 * timeout (30 s) used to close it then, and the run's answer was lost with it. Real server, one
 * real sandboxed worker held by another learner's run for longer than that; once that run ends,
 * its idle session is parked and the waiting run gets the worker.
 */
class RunSocketIdleTest {
    private static final Duration HELD = Duration.ofSeconds(40);

    @Test
    void aRunThatWaitsInLineLongerThanJettysIdleTimeoutStillGetsItsAnswer() throws Exception {
        try (RunnerServer server = new RunnerServer(s -> s.poolSize(1).maxWorkers(1).wallTime(HELD.plusSeconds(20))
                .queueWait(HELD.plusSeconds(60)).activeWindow(Duration.ofSeconds(1)))) {
            LearnerClient holder = new LearnerClient(server);
            LearnerClient waiter = new LearnerClient(server);
            LinkedBlockingQueue<JsonNode> held = holder.runOnSocket("holder-page",
                    "System.out.println(\"holding\"); Thread.sleep(" + HELD.toMillis() + "L);", false);
            holder.next(held, "started");

            LinkedBlockingQueue<JsonNode> waiting = waiter.runOnSocket("waiter-page", "System.out.println(\"my turn\");", false);
            JsonNode queued = waiter.next(waiting, "queued");
            assertTrue(queued.path("position").asInt() >= 1, queued.toString());

            JsonNode result = waiter.next(waiting, "result");
            assertEquals("ok", result.path("status").asText(), result.toString());
            assertEquals("ok", holder.next(held, "result").path("status").asText());
        }
    }
}
