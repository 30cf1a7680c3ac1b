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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import otplab.grader.Grader;
import otplab.grader.GradingWorkerLauncher;

class CheckCommandTest {
    private static final Grader GRADER = Grader.create(GradingWorkerLauncher.withDefaults());
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int check(Path exercises) throws IOException {
        return CheckCommand.runSuites(List.of(ExerciseCheckSuite.scan(exercises, GRADER)),
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void aSoundExercisePassesEveryItem(@TempDir Path dir) throws IOException {
        copyTree(GradeCommandTest.FIXTURES.resolve("exercises/tally"), dir.resolve("tally"));

        assertEquals(0, check(dir), out.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("ok   exercises: tally: reference solution passes every test — 5 tests pass"), text);
        assertTrue(text.contains("ok   exercises: tally: starter fails at least one test — 5 of 5 tests fail"), text);
        assertTrue(text.contains("check: 4 items, 4 passed, 0 failed"), text);
    }

    @Test
    void aStarterThatAlreadyPassesFailsTheCheck(@TempDir Path dir) throws IOException {
        Path tally = dir.resolve("tally");
        copyTree(GradeCommandTest.FIXTURES.resolve("exercises/tally"), tally);
        Files.copy(tally.resolve("solution/Tally.java"), tally.resolve("src/Tally.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertEquals(1, check(dir));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("FAIL exercises: tally: starter fails at least one test"
                + " — the starter already passes every test"));
    }

    @Test
    void anInvalidExerciseIsReportedWithItsProblems(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("broken/src"));
        Files.writeString(dir.resolve("broken/README.md"), "# no front matter\n");

        assertEquals(1, check(dir));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("front matter misses 'title'"), text);
        assertTrue(text.contains("the folder solution/ is missing"), text);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
