package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Learners (owner cookies) share the workers fairly, through a real server and real sandboxed
 * workers with small limits: three workers, two sessions and two runs in flight per learner, two
 * more waiting in their own line.
 */
class LearnerFairnessTest {
    private static final String SLEEP = LearnerClient.SLEEP;
    private static RunnerServer server;

    @BeforeAll
    static void start() {
        server = new RunnerServer(s -> s.poolSize(1).maxWorkers(3).learnerSessions(2).learnerRuns(2).learnerQueued(2)
                .wallTime(Duration.ofSeconds(120)).queueWait(Duration.ofSeconds(120)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void oneLearnerOpeningTenSessionsParksOnlyTheirOwnAndNeverAnotherLearnersSession() throws Exception {
        LearnerClient other = new LearnerClient(server);
        LearnerClient many = new LearnerClient(server);
        List<String> parked = new CopyOnWriteArrayList<>();
        server.runner.onParked(parked::add);
        try {
            assertEquals("ok", other.run("other-page", "int mine = 7;").path("status").asText());
            for (int page = 0; page < 10; page++) {
                JsonNode ran = many.run("many-" + page, "int page = " + page + ";");
                assertEquals("ok", ran.path("status").asText(), ran.toString());
            }

            JsonNode kept = other.next(other.runOnSocket("other-page", "mine", true), "result");
            assertEquals("mine ==> 7", kept.path("values").get(0).asText(), kept.toString());
            JsonNode newest = many.next(many.runOnSocket("many-9", "page", true), "result");
            assertEquals("page ==> 9", newest.path("values").get(0).asText(), newest.toString());
            JsonNode lost = many.next(many.runOnSocket("many-0", "page", true), "lost");
            assertEquals(LostSessions.ownLimit(2), lost.path("reason").asText());
            assertEquals(Collections.nCopies(8, Runner.PARKED_OWN_LIMIT), parked, "each page past the second parked one of its own");
            assertTrue((int) server.runner.health().get("sessions") <= 3, server.runner.health().toString());
        } finally {
            other.resetAll();
            many.resetAll();
        }
    }

    @Test
    void aLearnerHoldingEveryWorkerDoesNotMakeAnotherWaitBehindAllTheirRuns() throws Exception {
        LearnerClient bystander = new LearnerClient(server);
        LearnerClient greedy = new LearnerClient(server);
        LearnerClient late = new LearnerClient(server);
        try {
            assertEquals("ok", bystander.run("bystander-page", "int here = 1;").path("status").asText());
            greedy.next(greedy.runOnSocket("greedy-1", SLEEP, false), "out");
            greedy.next(greedy.runOnSocket("greedy-2", SLEEP, false), "out");
            List<LinkedBlockingQueue<JsonNode>> waitingInOwnLine = List.of(
                    greedy.runOnSocket("greedy-3", "System.out.println(\"third\");", false),
                    greedy.runOnSocket("greedy-4", "System.out.println(\"fourth\");", false));
            for (LinkedBlockingQueue<JsonNode> run : waitingInOwnLine) {
                JsonNode own = greedy.next(run, "queued");
                assertEquals("own", own.path("line").asText(), own.toString());
                assertTrue(own.path("message").asText().startsWith("waiting for your other runs to finish: "), own.toString());
            }

            LinkedBlockingQueue<JsonNode> lateRun = late.runOnSocket("late-page", "System.out.println(\"late\");", false);
            JsonNode queued = late.next(lateRun, "queued");
            assertEquals(1, queued.path("position").asInt(), queued.toString());
            assertTrue(queued.path("waiting").asInt() >= 1, queued.toString());
            assertTrue(queued.path("estimateSeconds").asInt() >= 1, queued.toString());
            assertEquals("workers", queued.path("line").asText(), queued.toString());
            assertTrue(queued.path("message").asText().startsWith("waiting for a free worker: 1st in line"), queued.toString());

            // One of the greedy learner's workers comes free: it goes to the other learner, not to their own next run.
            HttpResponse<String> reset = greedy.post("/api/sessions/greedy-1/reset", Map.of());
            assertEquals(200, reset.statusCode(), reset.body());
            JsonNode result = late.next(lateRun, "result");
            assertEquals("late\n", result.path("stdout").asText(), result.toString());
            assertTrue(waitingInOwnLine.stream().allMatch(run -> run.stream().noneMatch(m -> m.path("type").asText().equals("result"))),
                    "a run of the greedy learner went first: " + waitingInOwnLine);

            greedy.post("/api/sessions/greedy-2/reset", Map.of());
            late.resetAll();
            for (LinkedBlockingQueue<JsonNode> run : waitingInOwnLine) {
                assertEquals("ok", greedy.next(run, "result").path("status").asText());
            }
        } finally {
            bystander.resetAll();
            greedy.resetAll();
            late.resetAll();
        }
    }

    @Test
    void aLearnerPastTheirOwnQueueIsRefusedWith429InWordsAndOthersStillRun() throws Exception {
        LearnerClient greedy = new LearnerClient(server);
        LearnerClient other = new LearnerClient(server);
        try {
            greedy.next(greedy.runOnSocket("flood-1", SLEEP, false), "out");
            greedy.next(greedy.runOnSocket("flood-2", SLEEP, false), "out");
            List<LinkedBlockingQueue<JsonNode>> waiting = List.of(greedy.runOnSocket("flood-3", "1", false),
                    greedy.runOnSocket("flood-4", "2", false));
            for (LinkedBlockingQueue<JsonNode> run : waiting) {
                greedy.next(run, "queued");
            }

            HttpResponse<String> refused = greedy.post("/api/run", Map.of("code", "3"));
            assertEquals(429, refused.statusCode(), refused.body());
            JsonNode body = LearnerClient.JSON.readTree(refused.body());
            assertEquals("you already have 2 runs going and 2 waiting, the most one learner may have at once: let them finish"
                    + " (or stop one) before starting another", body.path("error").asText());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent(), refused.headers().toString());
            assertEquals("ok", other.run("not-greedy", "int fine = 1;").path("status").asText());

            greedy.post("/api/sessions/flood-1/reset", Map.of());
            greedy.post("/api/sessions/flood-2/reset", Map.of());
            for (LinkedBlockingQueue<JsonNode> run : waiting) {
                assertEquals("ok", greedy.next(run, "result").path("status").asText());
            }
        } finally {
            greedy.resetAll();
            other.resetAll();
        }
    }
}
