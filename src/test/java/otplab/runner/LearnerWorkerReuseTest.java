package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A learner's next lesson page takes the worker of their last page, restarted: the same JVM, but
 * a fresh node (no processes, names, tables or databases of the last page) and a fresh JShell.
 * Never another learner's, and never one that restarted unclean or kept working while it waited.
 * Real server, real sandboxed workers.
 */
class LearnerWorkerReuseTest {
    /** A page that leaves everything a lesson leaves behind: a registered server, a table, a declaration. */
    private static final String BUSY_PAGE = """
            final class Echo implements GenServer<Integer, Integer> {
                @Override public Init<Integer> init(Integer start) { return ok(start); }
                @Override public CallResult<Integer> handleCall(Object request, From from, Integer n) { return reply(n, n); }
            }
            GenServer.startLink(new Echo(), 0, "echo");
            otp.data.Repo repo = otp.data.Repo.inMemory("shop");
            System.out.println("applied: " + otp.data.Migrator.migrate(repo, List.of(otp.data.Migration.of(1L, "create items",
                    m -> m.createTable("items", t -> t.add("title", otp.data.Type.STRING))))));
            int leftOver = 41;
            """;

    private static long workerPid(RunnerServer server, String session) {
        return server.runner.sessionWorker(session).orElseThrow().pid();
    }

    private static void reset(LearnerClient learner, String session) throws Exception {
        assertEquals(200, learner.post("/api/sessions/" + session + "/reset", Map.of()).statusCode());
    }

    @Test
    void aLearnersNextPageTakesTheirRestartedWorkerWithNothingOfTheLastPageLeft() throws Exception {
        try (RunnerServer server = new RunnerServer(s -> s.poolSize(1).maxWorkers(4))) {
            LearnerClient learner = new LearnerClient(server);
            List<String> reused = new CopyOnWriteArrayList<>();
            server.runner.onReused(() -> reused.add("reused"));
            JsonNode first = learner.run("page-one", BUSY_PAGE);
            assertEquals("ok", first.path("status").asText(), first.toString());
            assertEquals("applied: [1]\n", first.path("stdout").asText(), first.toString());
            long pid = workerPid(server, "page-one");
            reset(learner, "page-one");

            JsonNode again = learner.run("page-two", BUSY_PAGE);
            assertEquals("ok", again.path("status").asText(), "the name and the class are free again: " + again);
            assertEquals("applied: [1]\n", again.path("stdout").asText(), "the database is a new one: " + again);
            assertEquals(pid, workerPid(server, "page-two"), "the next page runs on the same JVM");
            assertEquals(List.of("reused"), reused);

            JsonNode gone = learner.run("page-two", "Process.whereis(\"echo\") != null && Process.registered().size() == 1");
            assertEquals("==> true", gone.path("values").get(0).asText(), "only this page's server is registered: " + gone);
        }
    }

    @Test
    void aLastPagesDeclarationsAreGoneOnTheNextPage() throws Exception {
        try (RunnerServer server = new RunnerServer(s -> s.poolSize(1).maxWorkers(4))) {
            LearnerClient learner = new LearnerClient(server);
            assertEquals("ok", learner.run("page-one", "int leftOver = 41;").path("status").asText());
            reset(learner, "page-one");

            JsonNode next = learner.run("page-two", "leftOver + 1");
            assertEquals("compile_error", next.path("status").asText(), next.toString());
            assertTrue(next.path("error").asText().contains("leftOver"), next.toString());
        }
    }

    @Test
    void anotherLearnersPageNeverTakesTheSpare() throws Exception {
        try (RunnerServer server = new RunnerServer(s -> s.poolSize(1).maxWorkers(4))) {
            LearnerClient leaving = new LearnerClient(server);
            LearnerClient arriving = new LearnerClient(server);
            assertEquals("ok", leaving.run("leaving-page", "int mine = 1;").path("status").asText());
            long pid = workerPid(server, "leaving-page");
            reset(leaving, "leaving-page");

            assertEquals("ok", arriving.run("arriving-page", "int theirs = 2;").path("status").asText());
            assertNotEquals(pid, workerPid(server, "arriving-page"));
            assertEquals(1, server.runner.health().get("spares"), "the spare still waits for its own learner");
        }
    }

    @Test
    void aSpareThatKeepsBurningCpuWhileItWaitsIsRetired() throws Exception {
        try (RunnerServer server = new RunnerServer(s -> s.poolSize(1).maxWorkers(4))) {
            LearnerClient learner = new LearnerClient(server);
            JsonNode spin = learner.run("page-one", """
                    Thread spinner = new Thread(() -> { long n = 0; while (true) { n++; } });
                    spinner.setDaemon(true);
                    spinner.start();
                    """);
            assertEquals("ok", spin.path("status").asText(), spin.toString());
            long pid = workerPid(server, "page-one");
            reset(learner, "page-one");
            Thread.sleep(3000);

            assertEquals("ok", learner.run("page-two", "1 + 1").path("status").asText());
            assertNotEquals(pid, workerPid(server, "page-two"), "a worker still running learner code is not reused");
        }
    }

    @Test
    void withReuseOffEveryPageHasAFreshWorker() throws Exception {
        try (RunnerServer server = new RunnerServer(s -> s.poolSize(1).maxWorkers(4).learnerReuse(false))) {
            LearnerClient learner = new LearnerClient(server);
            assertEquals("ok", learner.run("page-one", "int a = 1;").path("status").asText());
            long pid = workerPid(server, "page-one");
            reset(learner, "page-one");

            assertEquals("ok", learner.run("page-two", "int b = 2;").path("status").asText());
            assertNotEquals(pid, workerPid(server, "page-two"));
            assertEquals(0, server.runner.health().get("spares"));
        }
    }

    @Test
    void aSpareIsRetiredBeforeAnotherLearnerWaitsForAWorker() throws Exception {
        try (RunnerServer server = new RunnerServer(s -> s.poolSize(0).maxWorkers(2).queueWait(Duration.ofSeconds(60)))) {
            LearnerClient leaving = new LearnerClient(server);
            LearnerClient staying = new LearnerClient(server);
            LearnerClient arriving = new LearnerClient(server);
            assertEquals("ok", leaving.run("leaving-page", "int a = 1;").path("status").asText());
            assertEquals("ok", staying.run("staying-page", "int b = 2;").path("status").asText());
            reset(leaving, "leaving-page");

            JsonNode ran = arriving.run("arriving-page", "System.out.println(\"room for me\");");
            assertEquals("room for me\n", ran.path("stdout").asText(), ran.toString());
            assertEquals(0, server.runner.health().get("spares"));
            assertEquals("b ==> 2", staying.run("staying-page", "b").path("values").get(0).asText());
        }
    }
}
