package otplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradeCommandTest {
    static final Path FIXTURES = Path.of("src/test/resources/grader");
    static final String TALLY = FIXTURES.resolve("exercises/tally").toString();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String solution(String scenario) {
        return FIXTURES.resolve("scenarios").resolve(scenario).resolve("solution").toString();
    }

    @Test
    void aFailingSolutionExitsOneAndWritesResultsJsonAndJunitXml(@TempDir Path dir) throws IOException {
        int exit = run("grade", TALLY, solution("some-fail"), "--out", dir.toString(), "--format", "text");

        assertEquals(1, exit);
        assertTrue(Files.readString(dir.resolve("results.json")).contains("\"status\" : \"fail\""));
        assertTrue(Files.readString(dir.resolve("junit.xml")).contains("<failure message=\"expected: &lt;3&gt;"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("FAIL  total counts every word added"));
    }

    @Test
    void withoutOutTheResultsGoToTheResultsFolderNeverIntoTheLearnersFolder(@TempDir Path dir) throws IOException {
        Path learner = dir.resolve("learner");
        copy(Path.of(solution("pass")), learner);
        Path results = Main.home().resolve("results/tally");

        try {
            int exit = run("grade", TALLY, learner.toString(), "--format", "text");

            assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
            assertTrue(Files.readString(results.resolve("results.json")).contains("\"status\" : \"pass\""));
            assertTrue(Files.exists(results.resolve("junit.xml")));
            try (var files = Files.list(learner)) {
                assertEquals(List.of("Tally.java"), files.map(f -> f.getFileName().toString()).toList());
            }
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("results written to " + results.resolve("results.json")));
        } finally {
            Files.deleteIfExists(results.resolve("results.json"));
            Files.deleteIfExists(results.resolve("junit.xml"));
        }
    }

    @Test
    void aSolutionThatDoesNotCompileExitsTwoWithTheFileAndLine(@TempDir Path dir) {
        int exit = run("grade", TALLY, solution("compile-error"), "--out", dir.toString(), "--format", "json");

        assertEquals(2, exit);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Tally.java:8: ';' expected"));
    }

    @Test
    void anUnknownExerciseIsBadUsageNamingIt() {
        assertEquals(3, run("grade", "no-such-exercise", solution("pass")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown exercise 'no-such-exercise'"));
    }

    @Test
    void aMissingSolutionFolderIsBadUsage() {
        assertEquals(3, run("grade", TALLY, "/no/such/folder"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("/no/such/folder does not exist"));
    }

    @Test
    void anUnknownFormatIsBadUsage() {
        assertEquals(3, run("grade", TALLY, solution("pass"), "--format", "yaml"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--format is json, junit or text"));
    }

    @Test
    void batchGradesEveryLearnerAndWritesAClassReport(@TempDir Path dir) throws IOException {
        Path submissions = dir.resolve("submissions");
        copy(Path.of(solution("pass")), submissions.resolve("ada"));
        copy(Path.of(solution("compile-error")), submissions.resolve("bob"));
        Path out = dir.resolve("out");

        int exit = run("grade", "--batch", TALLY, submissions.toString(), "--out", out.toString());

        assertEquals(2, exit, "a learner whose code does not compile could not be graded");
        List<String> csv = Files.readAllLines(out.resolve("class-report.csv"));
        assertEquals("learner,status,score,points,passed,total,failed_tests,message", csv.get(0));
        assertTrue(csv.get(1).startsWith("\"ada\",pass,10.00,10,5,5,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("\"bob\",error,0.00,10,0,0,"), csv.get(2));
        assertTrue(csv.get(2).matches(".*\"The code does not compile: Tally\\.java:\\d+: .+\"$"),
                "the row names the file and line, not only that there are diagnostics: " + csv.get(2));
        assertTrue(Files.readString(out.resolve("class-report.json")).contains("\"learner\" : \"bob\""));
        assertTrue(Files.exists(out.resolve("ada/results.json")));
        assertTrue(Files.exists(out.resolve("bob/junit.xml")));
    }

    @Test
    void batchWithoutAnOutputFolderIsBadUsage() {
        assertEquals(3, run("grade", "--batch", TALLY, FIXTURES.resolve("scenarios").toString()));
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
