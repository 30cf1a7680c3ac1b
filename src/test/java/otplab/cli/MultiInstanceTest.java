package otplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import otp.data.PostgresServer;
import otplab.store.Submission;
import otplab.store.SubmissionStore;

/**
 * OTP Lab on more than one machine, on loopback: two real {@code serve} processes sharing one
 * PostgreSQL and one {@code SECRET_KEY_BASE}, started at the same moment on an empty database,
 * behind Debian's HAProxy running the shipped {@code src/deploy/haproxy.cfg}. Learners run cells and submit through the proxy; then the instance one of
 * them ran on is killed, and that learner is told why their session is gone, replays their cells on
 * the other instance and still has their progress.
 */
class MultiInstanceTest {
    static final Path LESSONS = ShutdownTest.HOME.resolve("src/test/resources/fixtures/multi/lessons");
    static final Path EXERCISES = ShutdownTest.FIXTURE.resolve("exercises");
    static final String SECRET = "multi-instance-test-secret-key-base-0123456789";
    static final String INSTRUCTOR_TOKEN = "multi-instance-instructor-token";
    static final String LESSON = "state";
    static final String DECLARE = "int answer = 42;";
    static final String USE = "System.out.println(answer);";
    /** HAProxy sends each new learner to the instance with the fewest connections; a few are enough to meet both. */
    static final int MOST_LEARNERS = 6;

    @TempDir
    Path data;

    @Test
    void learnersBehindHaproxyShareOneStoreAndOutliveTheInstanceTheyRanOn() throws Exception {
        assumeTrue(HaproxyProcess.binary().isPresent(), "HAProxy is not installed: apt-get install haproxy (./otplab test installs it)");
        String noPostgres = PostgresServer.unavailableReason();
        assumeTrue(noPostgres == null, noPostgres);
        String database = "otplab_multi_" + Long.toHexString(System.nanoTime());
        String databaseUrl = createDatabase(database);
        List<AutoCloseable> started = new ArrayList<>();
        try {
            // Both at once on the empty database: one migrates, the other waits its turn and finds the schema ready.
            CompletableFuture<ServerProcess> startingA = startInstance("a", databaseUrl);
            CompletableFuture<ServerProcess> startingB = startInstance("b", databaseUrl);
            CompletableFuture.allOf(startingA, startingB).exceptionally(failed -> null).join();
            for (CompletableFuture<ServerProcess> starting : List.of(startingA, startingB)) {
                if (!starting.isCompletedExceptionally()) {
                    started.add(starting.join());
                }
            }
            ServerProcess a = startingA.join();
            ServerProcess b = startingB.join();
            HaproxyProcess proxy = HaproxyProcess.start(ShutdownTest.HOME, hostPort(a), hostPort(b));
            started.add(proxy);
            Map<String, ServerProcess> instances = Map.of("a", a, "b", b);

            Map<String, ProxiedLearner> firstOn = new TreeMap<>();
            for (int i = 0; i < MOST_LEARNERS && firstOn.size() < instances.size(); i++) {
                ProxiedLearner learner = new ProxiedLearner("learner" + i, proxy.url);
                learner.openLesson(LESSON);
                assertNotNull(learner.instance(), "HAProxy pins a learner to an instance with its cookie:\n" + proxy.output());
                firstOn.putIfAbsent(learner.instance(), learner);
            }
            assertEquals(instances.keySet(), firstOn.keySet(), "new learners are spread over both instances");
            ProxiedLearner ada = firstOn.get("a");
            ProxiedLearner grace = firstOn.get("b");

            for (ProxiedLearner learner : List.of(ada, grace)) {
                String pinned = learner.instance();
                String name = learner == ada ? "Ada" : "Grace";
                assertEquals(200, learner.send("PUT", "/api/me/name", "{\"name\": \"" + name + "\"}").statusCode());
                assertRan(learner.run("declare", DECLARE, false), "", learner);
                assertRan(learner.run("use", USE, true), "42\n", learner);
                learner.reportCellRan(LESSON, "declare");
                learner.reportCellRan(LESSON, "use");
                HttpResponse<String> graded = learner.send("POST", "/api/exercises/greeting/submit", ShutdownTest.passingSolution());
                assertEquals(200, graded.statusCode(), graded.body());
                assertEquals("pass", ServerProcess.JSON.readTree(graded.body()).path("status").asText(), graded.body());
                assertEquals(pinned, learner.instance(), learner + " stays on the instance that holds their worker");
            }

            for (ServerProcess instance : List.of(a, b)) {
                String csv = instructorCsv(instance);
                assertTrue(csv.contains("Ada (learner-") && csv.contains("Grace (learner-"),
                        "each instance's instructor view lists the submissions made on both:\n" + csv);
            }

            List<ProcessHandle> workersOfA = a.process.descendants().toList();
            assertTrue(workersOfA.stream().anyMatch(p -> p.info().command().orElse("").endsWith("bwrap")),
                    "Ada's session runs in a sandboxed worker of instance a");
            a.process.destroyForcibly();
            assertTrue(a.process.waitFor(30, TimeUnit.SECONDS), "instance a was killed");
            assertTrue(allEnded(workersOfA), "a killed instance takes its workers with it (bubblewrap --die-with-parent)");

            ada.connect();
            JsonNode lost = ada.run("use", USE, true);
            assertEquals("lost", lost.path("type").asText(), "Ada's page hears that its session is gone: " + lost);
            assertTrue(lost.path("reason").asText().contains("gone away"), "and why, in words: " + lost);
            assertEquals("b", ada.instance(), "HAProxy moved Ada to the live instance and re-pinned her there");
            assertRan(ada.run("declare", DECLARE, false), "", ada);
            assertRan(ada.run("use", USE, true), "42\n", ada);

            assertRan(grace.run("use", USE, true), "42\n", grace);

            JsonNode progress = ServerProcess.JSON.readTree(ada.get("/api/me/progress").body());
            assertEquals(2, progress.path("lessons").path(LESSON).path("ran").asInt(), "Ada's lesson progress: " + progress);
            assertTrue(progress.path("lessons").path(LESSON).path("completed").asBoolean(), progress.toString());
            JsonNode history = ServerProcess.JSON.readTree(ada.get("/api/me/submissions?exercise=greeting").body());
            assertEquals(List.of("pass"), statuses(history), "Ada's submission made on instance a, read on b: " + history);

            try (SubmissionStore store = SubmissionStore.open(databaseUrl)) {
                List<Submission> all = store.allSubmissions();
                assertEquals(2, all.size(), all.toString());
                assertEquals(2, all.stream().map(Submission::learner).collect(Collectors.toSet()).size(), "two learners, one store");
            }
        } catch (Exception | AssertionError failed) {
            // The proxy's and the instances' own words, beside the failure in the test's output file.
            for (AutoCloseable process : started) {
                System.out.println("---- " + process.getClass().getSimpleName() + "\n" + (process instanceof ServerProcess server
                        ? server.output() : ((HaproxyProcess) process).output()));
            }
            throw failed;
        } finally {
            Collections.reverse(started);
            for (AutoCloseable process : started) {
                process.close();
            }
            dropDatabase(database);
        }
    }

    private CompletableFuture<ServerProcess> startInstance(String name, String databaseUrl) throws Exception {
        Map<String, String> env = ShutdownTest.serverEnvironment(data.resolve(name));
        env.put("SECRET_KEY_BASE", SECRET);
        env.put("DATABASE_URL", databaseUrl);
        env.put("INSTRUCTOR_TOKEN", INSTRUCTOR_TOKEN);
        env.put("LESSONS_DIR", LESSONS.toString());
        env.put("EXERCISES_DIR", EXERCISES.toString());
        env.put("OTPLAB_POOL_SIZE", "1");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dotplab.home=" + ShutdownTest.HOME,
                "-cp", ServerProcess.buildClasspath(ShutdownTest.HOME), "otplab.cli.Main", "serve");
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ServerProcess.start(command, env, ShutdownTest.HOME);
            } catch (Exception e) {
                throw new CompletionException("instance " + name + " did not start", e);
            }
        });
    }

    private static boolean allEnded(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static String hostPort(ServerProcess server) {
        URI url = URI.create(server.url);
        return url.getHost() + ":" + url.getPort();
    }

    private static void assertRan(JsonNode answer, String stdout, ProxiedLearner learner) {
        assertEquals("result", answer.path("type").asText(), learner + ": " + answer);
        assertEquals("ok", answer.path("status").asText(), learner + ": " + answer);
        assertEquals(stdout, answer.path("stdout").asText(), learner + ": " + answer);
    }

    private static List<String> statuses(JsonNode history) {
        List<String> out = new ArrayList<>();
        history.forEach(item -> out.add(item.path("status").asText()));
        return out;
    }

    private static String instructorCsv(ServerProcess instance) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> csv = http.send(HttpRequest.newBuilder(URI.create(instance.url).resolve("/instructor/submissions.csv"))
                    .header("Authorization", "Bearer " + INSTRUCTOR_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, csv.statusCode(), csv.body());
            return csv.body();
        }
    }

    /** A database of its own on the test cluster, so the store suites' tables are not touched. */
    private static String createDatabase(String name) throws Exception {
        try (Connection c = DriverManager.getConnection(PostgresServer.url()); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new AssertionError("this test creates a database of its own on the test PostgreSQL (" + PostgresServer.URL_ENV
                    + " or the throwaway cluster), and could not: " + e.getMessage(), e);
        }
        return withDatabase(PostgresServer.url(), name);
    }

    private static void dropDatabase(String name) throws Exception {
        try (Connection c = DriverManager.getConnection(PostgresServer.url()); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** The same server URL naming another database: jdbc:postgresql://host:port/NAME?params. */
    static String withDatabase(String url, String name) {
        URI uri = URI.create(url.substring("jdbc:".length()));
        return "jdbc:" + uri.getScheme() + "://" + uri.getRawAuthority() + "/" + name
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
