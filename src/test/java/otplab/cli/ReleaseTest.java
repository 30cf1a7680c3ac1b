package otplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./otplab release} builds an image that runs on its own: started with an empty PATH and no
 * JAVA_HOME (bubblewrap and the sandbox's tools are found by absolute path), it serves a lesson,
 * runs a cell over the WebSocket, grades a submission through the API and stops with exit code 0.
 */
class ReleaseTest {
    static final Path HOME = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    static final Path IMAGE = HOME.resolve("target/release-test/otplab");
    static final String SECRET = "release-test-secret-key-base-0123456789";

    @TempDir
    Path data;

    @BeforeAll
    static void buildTheImageOnce() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ReleaseCommand.build(HOME, IMAGE, new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    /** Nothing from the test's own environment: no PATH to search, no JAVA_HOME to lean on. */
    Map<String, String> bareEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "");
        env.put("DATA_DIR", data.toString());
        return env;
    }

    @Test
    void theImageHoldsItsOwnRuntimeTheCachesAndTheCourse() {
        for (String part : List.of("bin/otplab", "runtime/bin/java", "lib/otplab.jar", "server.aot", "worker/worker.aot",
                "worker/worker-grading.aot", "worker/runtimes/notebook/bin/java", "worker/runtimes/grading/bin/java",
                "lessons", "exercises", "RELEASE")) {
            assertTrue(Files.exists(IMAGE.resolve(part)), part + " is missing from the image");
        }
        assertTrue(Files.isExecutable(IMAGE.resolve("bin/otplab")));
        assertFalse(Files.exists(IMAGE.resolve("runtime/jmods")), "a runtime, not a JDK");
    }

    @Test
    void servesALessonRunsACellGradesASubmissionAndStopsWithAnEmptyPath() throws Exception {
        Map<String, String> env = bareEnvironment();
        env.put("PORT", "0");
        env.put("SECRET_KEY_BASE", SECRET);
        env.put("OTPLAB_POOL_SIZE", "0");
        try (ServerProcess server = ServerProcess.start(List.of(IMAGE.resolve("bin/otplab").toString(), "start"), env, data)) {
            JsonNode lessons = ServerProcess.JSON.readTree(server.get("/api/lessons").body());
            String firstLesson = lessons.get(0).path("slug").asText();
            HttpResponse<String> page = server.get("/lessons/" + firstLesson);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains(lessons.get(0).path("title").asText()), "the lesson's page shows its title");

            ServerProcess.Socket socket = server.socket();
            socket.run("release-page", "c1", "System.out.println(\"from the release\");");
            JsonNode result = socket.await("result", 120);
            assertEquals("ok", result.path("status").asText(), result.toString());
            assertEquals("from the release\n", result.path("stdout").asText());

            String exercise = "counter";
            HttpResponse<String> graded = server.postAsync("/api/exercises/" + exercise + "/submit", solution(exercise))
                    .get(180, TimeUnit.SECONDS);
            assertEquals(200, graded.statusCode(), graded.body());
            assertEquals("pass", ServerProcess.JSON.readTree(graded.body()).path("status").asText(), graded.body());

            server.process.toHandle().destroy();
            assertTrue(server.process.waitFor(120, TimeUnit.SECONDS), server.output());
            assertEquals(0, server.process.exitValue(), server.output());
        }
    }

    @Test
    void daemonWritesAPidFileAndStopWaitsUntilTheServerHasEnded() throws Exception {
        Map<String, String> env = bareEnvironment();
        env.put("PORT", "0");
        env.put("SECRET_KEY_BASE", SECRET);
        env.put("OTPLAB_POOL_SIZE", "0");
        env.put("OTPLAB_PID_FILE", data.resolve("otplab.pid").toString());
        env.put("OTPLAB_LOG_FILE", data.resolve("otplab.log").toString());
        Process daemon = launcher(env, "daemon");
        String said = new String(daemon.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(daemon.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, daemon.exitValue(), said);
        long pid = Long.parseLong(Files.readString(data.resolve("otplab.pid")).strip());
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("the daemon is not running: " + said));
        awaitServing(data.resolve("otplab.log"));

        Process pidCommand = launcher(env, "pid");
        assertEquals(Long.toString(pid), new String(pidCommand.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        Process stop = launcher(env, "stop");
        String stopped = new String(stop.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(stop.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, stop.exitValue(), stopped);
        assertFalse(server.isAlive(), "stop returns once the server has ended");
        assertFalse(Files.exists(data.resolve("otplab.pid")), "the pid file is removed");
        assertTrue(Files.readString(data.resolve("otplab.log")).contains("OTP Lab stopped."));
    }

    private static void awaitServing(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("OTP Lab is serving")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the daemon never said it serves: " + (Files.exists(log) ? Files.readString(log) : "no log"));
    }

    @Test
    void startRefusesToRunWithoutASecretNamingTheVariable() throws Exception {
        Process start = launcher(bareEnvironment(), "start");
        String said = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(start.waitFor(60, TimeUnit.SECONDS));
        assertEquals(ServeCommand.EXIT_USAGE, start.exitValue(), said);
        assertTrue(said.contains("SECRET_KEY_BASE must be set"), said);
        assertFalse(said.contains("Exception"), said);
    }

    @Test
    void gradesASolutionFromTheCommandLineWithAnEmptyPath() throws Exception {
        Path solution = IMAGE.resolve("exercises/counter/solution");
        Process grade = launcher(bareEnvironment(), "grade", "counter", solution.toString(), "--out", data.toString(), "--format", "text");
        String said = new String(grade.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(grade.waitFor(180, TimeUnit.SECONDS));
        assertEquals(0, grade.exitValue(), said);
        assertTrue(Files.exists(data.resolve("results.json")));
    }

    private Process launcher(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(IMAGE.resolve("bin/otplab").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(data.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String solution(String exercise) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> solution = Files.list(IMAGE.resolve("exercises").resolve(exercise).resolve("solution"))) {
            for (Path file : solution.filter(Files::isRegularFile).sorted().toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return ServerProcess.JSON.writeValueAsString(Map.of("files", files));
    }
}
