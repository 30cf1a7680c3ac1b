package otplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One simulated learner against a real server (this build's {@code serve} in a process of its own,
 * sandboxed workers and all) for a few seconds, with short pauses: it opens lessons, runs their
 * cells as declared, submits an exercise, and the report and its JSON carry what it saw.
 */
class ClassBenchTest {
    private static final Behaviour HURRIED = new Behaviour(new ThinkTime(Duration.ofMillis(300), Duration.ofMillis(100)),
            new ThinkTime(Duration.ofMillis(300), Duration.ofMillis(100)), 1.0, 0.0);

    @TempDir
    Path results;

    @Test
    void oneHurriedLearnerRunsCellsAsTheLessonsDeclareAndSubmitsAPassingSolution() throws Exception {
        Path home = Path.of("").toAbsolutePath();
        String classpath = home.resolve("target/classes") + File.pathSeparator
                + Files.readString(home.resolve("target/runtime-classpath.txt")).strip();
        List<String> serve = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dotplab.home=" + home, "-cp", classpath, "otplab.cli.Main", "serve");
        Curriculum curriculum = Curriculum.load(Path.of("lessons"), Path.of("exercises"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BenchContext context = new BenchContext(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
                Map.of("--learners", "1", "--minutes", "0.4"));
        ClassBench bench = new ClassBench(serve, HURRIED);
        ClassResult result;
        try (LocalServer server = LocalServer.start(serve, Map.of(), results.resolve("server.log"))) {
            result = bench.simulate(context, ClassSettings.from(context), curriculum, server.url(), OptionalLong.of(server.pid()));
        }
        ClassTally tally = result.tally();
        assertEquals(Map.of(), tally.errors(), () -> "errors: " + tally.examples());
        assertEquals(0, tally.lostCount());
        assertTrue(tally.pages() >= 2, "it went on to the next lesson");
        assertTrue(tally.runs().size() >= 6, () -> "runs: " + tally.runs());
        assertTrue(tally.submits().stream().anyMatch(s -> s.status().equals("pass")), () -> "submits: " + tally.submits());
        assertTrue(result.memory().serverRssKb() > 0 && result.memory().workers() > 0 && result.memory().workersCpuSeconds() > 0,
                () -> "memory: " + result.memory());
        assertTrue(result.serverRuns().getOrDefault("ok", 0.0) >= 1, () -> "server counted: " + result.serverRuns());

        ClassReport report = new ClassReport(result);
        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("| run latency p50 / p95 / max, send to result"), printed);
        JsonNode written = new ObjectMapper().readTree(report.write(results).toFile());
        assertEquals(tally.runs().size(), written.path("runs").path("count").asInt());
        assertEquals(1, written.path("settings").path("learners").asInt());
        assertTrue(written.path("memory").path("workersPssPeakKb").asLong() > 0, written.toString());
    }
}
