package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import otplab.jvm.OutputListener;
import otplab.jvm.WorkersBusyException;
import otplab.protocol.Frame;
import otplab.protocol.RunStatus;

/** The page panels' frames between the server and a real sandboxed session worker. */
class PageFramesTest {
    private static Runner runner;

    @BeforeAll
    static void startRunner() {
        runner = Runner.create(s -> s.poolSize(1).maxWorkers(2).wallTime(Duration.ofSeconds(3))).start();
    }

    @AfterAll
    static void stopRunner() {
        runner.close();
    }

    private static RunResult run(String session, String code) throws WorkersBusyException {
        return runner.runInSession(session, code, OutputListener.NONE);
    }

    private static Optional<Frame> request(String session, String method, String target, String body) {
        return runner.sessionWorker(session).orElseThrow()
                .ask(Frame.Type.REQUEST, List.of("method", method, "target", target, "body", body), Duration.ofSeconds(3));
    }

    @Test
    void aRequestReachesTheRouterTheCellTriedInThePage() throws Exception {
        String session = "frames-router";
        assertEquals(RunStatus.OK, run(session, "int warm = 1;").status());
        assertEquals("no router to try yet: run the cell that calls Router.tryInPage(router) first",
                request(session, "GET", "/", "").orElseThrow().field("error").orElseThrow());

        RunResult tried = run(session, """
                Router.tryInPage(Router.build(r -> r.post("/echo/:id",
                        (conn, params) -> Controller.json(conn.putStatus(201), new TreeMap<>(Map.of("id", params.get("id"), "name", params.get("name")))))));
                """);
        assertEquals(RunStatus.OK, tried.status(), tried.error());
        Frame answer = request(session, "POST", "/echo/7", "{\"name\": \"Ada\"}").orElseThrow();
        assertEquals("201", answer.field("status").orElseThrow());
        assertEquals("{\"id\":\"7\",\"name\":\"Ada\"}", answer.field("body").orElseThrow());
        assertTrue(answer.all("header").stream().anyMatch(h -> h.startsWith("content-type: application/json")), answer.toString());
        assertEquals("404", request(session, "GET", "/nowhere", "").orElseThrow().field("status").orElseThrow());
        runner.reset(session);
    }

    @Test
    void learnerCodeCannotReplaceThePagesHost() throws Exception {
        String session = "frames-host";
        RunResult result = run(session, """
                LivePage.host(new LivePage.Host() {
                    public void render(long view, String html) { }
                    public void publish(String topic, String json) { }
                });
                """);
        assertEquals(RunStatus.RUNTIME_ERROR, result.status());
        assertTrue(result.error().contains("the page's host is already installed"), result.error());
        runner.reset(session);
    }

    @Test
    void aRouterThatNeverAnswersGetsItsWorkerReplaced() throws Exception {
        String session = "frames-loop";
        RunResult tried = run(session, """
                Router.tryInPage(Router.build(r -> r.get("/spin", (conn, params) -> { while (true) { } })));
                """);
        assertEquals(RunStatus.OK, tried.status(), tried.error());
        assertEquals(Optional.empty(), request(session, "GET", "/spin", ""));
        assertFalse(runner.sessionWorker(session).isPresent());
        assertEquals(RunStatus.OK, run(session, "int again = 2;").status());
        runner.reset(session);
    }
}
