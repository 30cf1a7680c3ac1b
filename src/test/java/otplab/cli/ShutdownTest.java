package otplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import otplab.store.Submission;
import otplab.store.SubmissionStore;

/**
 * SIGTERM stops a real {@code serve} process in order: a cell that is running and a grading that
 * is running both finish and are delivered, the submission is stored, the open page is told, new
 * runs are refused with a sentence, no worker or bwrap process is left, and the exit code is 0.
 */
class ShutdownTest {
    static final Path HOME = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    static final Path FIXTURE = HOME.resolve("src/test/resources/fixtures/exercises");
    static final String LEARNER = "shutdown-test-learner-0123456789";
    static final String SLOW_CELL = "Thread.sleep(2500);\nSystem.out.println(\"finished after SIGTERM\");";

    @TempDir
    Path data;

    static Map<String, String> serverEnvironment(Path data) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("PORT", "0");
        env.put("OTP_LAB_ENV", "prod");
        env.put("SECRET_KEY_BASE", "shutdown-test-secret-key-base-0123456789");
        env.put("DATA_DIR", data.toString());
        env.put("LESSONS_DIR", FIXTURE.resolve("lessons").toString());
        env.put("EXERCISES_DIR", FIXTURE.resolve("exercises").toString());
        env.put("OTPLAB_POOL_SIZE", "0");
        env.put("OTPLAB_SHUTDOWN_SECONDS", "60");
        return env;
    }

    static String passingSolution() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> solution = Files.list(FIXTURE.resolve("exercises/greeting/solution"))) {
            for (Path file : solution.sorted().toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return ServerProcess.JSON.writeValueAsString(Map.of("files", files));
    }

    @Test
    void aSigtermLetsTheRunningCellAndGradingFinishThenEndsEveryWorkerAndExitsZero() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dotplab.home=" + HOME,
                "-cp", ServerProcess.buildClasspath(HOME), "otplab.cli.Main", "serve");
        try (ServerProcess server = ServerProcess.start(command, serverEnvironment(data), HOME)) {
            ServerProcess.Socket page = server.socket();
            page.run("shutdown-page", "slow", SLOW_CELL);
            page.await("started", 60);
            CompletableFuture<HttpResponse<String>> grading = server.postAsync("/api/exercises/greeting/submit",
                    passingSolution(), "X-OTPLab-Learner", LEARNER);
            awaitBusyWorkers(server, 2);

            List<ProcessHandle> tree = new ArrayList<>(server.process.descendants().toList());
            assertTrue(tree.stream().anyMatch(p -> p.info().command().orElse("").endsWith("bwrap")),
                    "the running cell's worker is inside bubblewrap: " + describe(tree));
            server.process.toHandle().destroy();

            JsonNode notice = page.await("shutdown", 30);
            assertTrue(notice.path("message").asText().contains("shutting down"), notice.toString());
            JsonNode result = page.await("result", 60);
            assertEquals("ok", result.path("status").asText(), result.toString());
            assertEquals("finished after SIGTERM\n", result.path("stdout").asText());

            tree.addAll(server.process.descendants().toList());
            HttpResponse<String> graded = grading.get(120, TimeUnit.SECONDS);
            assertEquals(200, graded.statusCode(), graded.body());
            assertEquals("pass", ServerProcess.JSON.readTree(graded.body()).path("status").asText(), graded.body());

            assertTrue(server.process.waitFor(120, TimeUnit.SECONDS), "the server exits:\n" + server.output());
            assertEquals(0, server.process.exitValue(), server.output());
            assertTrue(noneRunning(tree), "left behind: " + describe(tree));
            assertTrue(server.output().contains("OTP Lab stopped."), server.output());
        }
        try (SubmissionStore store = SubmissionStore.inDataDir(data)) {
            List<Submission> history = store.history(sha256(LEARNER), "greeting");
            assertEquals(1, history.size(), "the grading accepted before SIGTERM is stored");
            assertEquals("pass", history.getFirst().status());
        }
    }

    @Test
    void aRunAskedForAfterSigtermIsRefusedSayingTheServerIsShuttingDownAndTheHealthCheckFails() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dotplab.home=" + HOME,
                "-cp", ServerProcess.buildClasspath(HOME), "otplab.cli.Main", "serve");
        try (ServerProcess server = ServerProcess.start(command, serverEnvironment(data), HOME)) {
            ServerProcess.Socket page = server.socket();
            page.run("refused-page", "slow", SLOW_CELL);
            page.await("started", 60);
            server.process.toHandle().destroy();
            page.await("shutdown", 30);
            HttpResponse<String> refused = server.postAsync("/api/run", "{\"code\": \"System.out.println(1);\"}").get(30, TimeUnit.SECONDS);
            assertEquals(503, refused.statusCode());
            assertEquals("the server is shutting down; please try again in a minute, once it is back",
                    ServerProcess.JSON.readTree(refused.body()).path("error").asText());
            HttpResponse<String> health = server.get("/healthz");
            assertEquals(503, health.statusCode(), "a load balancer sends no new learner to a draining instance: " + health.body());
            assertEquals("stopping", ServerProcess.JSON.readTree(health.body()).path("status").asText(), health.body());
            page.await("result", 60);
            assertTrue(server.process.waitFor(120, TimeUnit.SECONDS), server.output());
            assertEquals(0, server.process.exitValue(), server.output());
        }
    }

    /** Waits until the session's worker and the grading's both hold a permit (healthz counts them as busy). */
    static void awaitBusyWorkers(ServerProcess server, int busy) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode health = ServerProcess.JSON.readTree(server.get("/healthz").body());
            if (health.path("runner").path("busy").asInt() >= busy) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the cell and the grading never both held a worker");
    }

    static boolean noneRunning(List<ProcessHandle> tree) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (tree.stream().noneMatch(ShutdownTest::running)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** A zombie waiting for its reaper runs nothing and holds no memory. */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    static String describe(List<ProcessHandle> tree) {
        return tree.stream().filter(ShutdownTest::running).map(p -> p.pid() + " " + p.info().command().orElse("?")).toList().toString();
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
