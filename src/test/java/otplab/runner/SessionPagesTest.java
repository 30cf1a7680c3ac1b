package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import otplab.jvm.OutputListener;
import otplab.jvm.WorkersBusyException;
import otplab.protocol.RunStatus;

/** The page panels' typed calls and replies between the server and a real sandboxed session worker. */
class SessionPagesTest {
    private static Runner runner;
    private static SessionPages pages;

    @BeforeAll
    static void startRunner() {
        runner = Runner.create(s -> s.poolSize(1).maxWorkers(2).wallTime(Duration.ofSeconds(3))).start();
        pages = new SessionPages(runner);
    }

    @AfterAll
    static void stopRunner() {
        runner.close();
    }

    private static RunResult run(String session, String code) throws WorkersBusyException {
        return runner.runInSession(session, code, OutputListener.NONE);
    }

    private static PageReply request(String session, String method, String target, String body) {
        return pages.ask(session, new PageCall.HttpRequest(method, target, body));
    }

    @Test
    void aRequestReachesTheRouterTheCellTriedInThePage() throws Exception {
        String session = "frames-router";
        assertEquals(RunStatus.OK, run(session, "int warm = 1;").status());
        assertEquals(new PageReply.Refused("no router to try yet: run the cell that calls Router.tryInPage(router) first"),
                request(session, "GET", "/", ""));

        RunResult tried = run(session, """
                Router.tryInPage(Router.build(r -> r.post("/echo/:id",
                        (conn, params) -> Controller.json(conn.putStatus(201), new TreeMap<>(Map.of("id", params.get("id"), "name", params.get("name")))))));
                """);
        assertEquals(RunStatus.OK, tried.status(), tried.error());
        PageReply.Response answer = (PageReply.Response) request(session, "POST", "/echo/7", "{\"name\": \"Ada\"}");
        assertEquals(201, answer.status());
        assertEquals("{\"id\":\"7\",\"name\":\"Ada\"}", answer.body());
        assertTrue(answer.headers().stream().anyMatch(h -> h.startsWith("content-type: application/json")), answer.toString());
        assertEquals(404, ((PageReply.Response) request(session, "GET", "/nowhere", "")).status());
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
        assertEquals(new PageReply.NoAnswer(Duration.ofSeconds(3)), request(session, "GET", "/spin", ""));
        assertEquals(new PageReply.NoWorker(), request(session, "GET", "/spin", ""));
        assertEquals(RunStatus.OK, run(session, "int again = 2;").status());
        runner.reset(session);
    }
}
