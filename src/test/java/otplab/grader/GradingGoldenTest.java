package otplab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import otplab.course.Exercise;
import otplab.course.ExerciseLoader;
import otplab.jvm.WorkerSettings;

/**
 * Each folder under {@code grader/scenarios/} is a learner's solution with the results
 * document grading must produce for it. Durations vary from run to run and are zeroed before
 * the comparison. Run with {@code -Dgolden.update=true} to rewrite the expected documents
 * after a deliberate change (and review the diff).
 */
class GradingGoldenTest {
    static final Path ROOT = Path.of("src/test/resources/grader");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Grader GRADER = Grader.create(GradingWorkerLauncher.withDefaults());
    /** As the server grades: spares warm up on sample gradings and on the exercise's public files. */
    private static final Grader SERVER_GRADER = Grader.create(GradingWorkerLauncher.builder(WorkerSettings.defaults())
            .warmUpGradings(GradingWorkerLauncher.INTERACTIVE_WARM_UPS)
            .build());

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("scenarios"))) {
            return dirs.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void gradingProducesTheExpectedResultsDocument(String scenario) throws Exception {
        Path dir = ROOT.resolve("scenarios").resolve(scenario);
        assertGradedAsExpected(GRADER, dir, Boolean.getBoolean("golden.update"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aWarmedUpServerWorkerProducesTheSameDocument(String scenario) throws Exception {
        assertGradedAsExpected(SERVER_GRADER, ROOT.resolve("scenarios").resolve(scenario), false);
    }

    private static void assertGradedAsExpected(Grader grader, Path dir, boolean update) throws Exception {
        Path exerciseName = dir.resolve("exercise.txt");
        String slug = Files.exists(exerciseName) ? Files.readString(exerciseName).strip() : "tally";
        Exercise exercise = ExerciseLoader.load(ROOT.resolve("exercises").resolve(slug));

        ResultsDocument doc = grader.grade(exercise, SolutionFiles.read(dir.resolve("solution")), Grader.Scope.ALL);

        JsonNode actual = normalised(JSON.readTree(ResultsJson.write(doc)));
        Path expectedFile = dir.resolve("expected.json");
        if (update) {
            Files.writeString(expectedFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
        }
        JsonNode expected = JSON.readTree(Files.readString(expectedFile));
        assertEquals(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(expected),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual));
    }

    static JsonNode normalised(JsonNode doc) {
        ((ObjectNode) doc).put("durationMs", 0);
        doc.path("tests").forEach(t -> ((ObjectNode) t).put("durationMs", 0));
        return doc;
    }
}
