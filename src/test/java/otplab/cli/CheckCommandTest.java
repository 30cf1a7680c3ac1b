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
        Files.writeString(tally.resolve("src/Tally.java"),
                Files.readString(tally.resolve("solution/Tally.java")) + "// written before the learner came\n");

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

    @Test
    void aWrongSolutionThatATestCatchesPassesTheCheckNamingTheTest(@TempDir Path dir) throws IOException {
        Path tally = dir.resolve("tally");
        copyTree(GradeCommandTest.FIXTURES.resolve("exercises/tally"), tally);
        wrongSolution(tally, "total-counts-distinct-words", "total() counts every word added, repeats too.",
                "counts.values().stream().mapToInt(Integer::intValue).sum()", "counts.size()");

        assertEquals(0, check(dir), out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("ok   exercises: tally: wrong solution"
                + " 'total-counts-distinct-words' fails at least one test — caught by 'total counts every word added'"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWrongSolutionThatPassesEveryTestFailsTheCheckNamingItAndTheRequirementItBreaks(@TempDir Path dir)
            throws IOException {
        Path tally = dir.resolve("tally");
        copyTree(GradeCommandTest.FIXTURES.resolve("exercises/tally"), tally);
        wrongSolution(tally, "ignores-case", "Words are case sensitive: 'Otp' and 'otp' are counted apart.",
                "counts.getOrDefault(word, 0)", "counts.getOrDefault(word, 0) + 0");

        assertEquals(1, check(dir));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("FAIL exercises: tally: wrong solution 'ignores-case'"
                + " fails at least one test — the wrong solution 'ignores-case' passes every test, yet it breaks a"
                + " requirement (Words are case sensitive: 'Otp' and 'otp' are counted apart.)"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void stressGradesEachReferenceSolutionNTimesWhileEveryCoreIsBusy(@TempDir Path dir) throws IOException {
        copyTree(GradeCommandTest.FIXTURES.resolve("exercises/tally"), dir.resolve("tally"));
        Path broken = dir.resolve("tally-broken");
        copyTree(GradeCommandTest.FIXTURES.resolve("exercises/tally"), broken);
        Files.copy(broken.resolve("src/Tally.java"), broken.resolve("solution/Tally.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(broken.resolve("src/Tally.java"), "public class Tally {}");

        int exit;
        try (BusyLoad load = BusyLoad.onEveryCore()) {
            exit = CheckCommand.runSuites(List.of(new StressCheckSuite(
                    otplab.course.ExerciseCatalog.scan(dir).exercises(), GRADER, 2)),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
        }

        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit, text);
        assertTrue(text.contains("ok   stress: tally: reference solution passes 2 times under load — 2/2 passed"), text);
        assertTrue(text.contains("FAIL stress: tally-broken: reference solution passes 2 times under load — 0/2 passed;"
                + " failed: 'a word never added counts zero' (java.lang.UnsupportedOperationException: count is not"
                + " implemented yet (at Tally.java:7)) 2×;"), text);
    }

    @Test
    void namesAndStressRoundsAreReadFromTheCommandLineAndBadOnesAreRefusedInWords() throws Exception {
        assertEquals(new CheckCommand.Options(java.util.Set.of("kv-store", "counter"), 20),
                CheckCommand.parse(new String[] {"kv-store", "--stress", "20", "counter"}));
        assertEquals("--stress takes a whole number of rounds above zero, not 'many'", org.junit.jupiter.api.Assertions
                .assertThrows(GradeCommand.UsageException.class, () -> CheckCommand.parse(new String[] {"--stress", "many"}))
                .getMessage());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(3, CheckCommand.run(new String[] {"no-such-thing"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no exercise or lesson is called no-such-thing; exercises: "),
                err.toString(StandardCharsets.UTF_8));
    }

    /** A wrong solution of the tally fixture: its reference with one piece of text replaced. */
    private static void wrongSolution(Path tally, String name, String note, String from, String to) throws IOException {
        Path folder = tally.resolve("wrong").resolve(name);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("WRONG.md"), note + "\n");
        String reference = Files.readString(tally.resolve("solution/Tally.java"));
        assertTrue(reference.contains(from), from);
        Files.writeString(folder.resolve("Tally.java"), reference.replace(from, to));
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
