package otplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import otplab.course.Course;
import otplab.course.CourseCatalog;
import otplab.runner.Runner;

/** The lesson suite of {@code ./otplab check}, run on a fixture course through the real sandboxed runner. */
class LessonCheckSuiteTest {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/check");
    private static Runner runner;
    private static String report;
    private static int exit;

    @BeforeAll
    static void checkTheFixtureCourse() {
        Course course = CourseCatalog.load(FIXTURE.resolve("lessons"), FIXTURE.resolve("exercises")).current();
        runner = CheckCommand.lessonRunner(course, 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exit = CheckCommand.runSuites(List.of(new LessonCheckSuite(course, CheckCommand.sessionsOf(runner), 2)),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        report = out.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopTheRunner() {
        runner.close();
    }

    private static String lineOf(String file) {
        return report.lines().filter(l -> l.contains("lessons: lessons/" + file)).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + file + " in:\n" + report));
    }

    @Test
    void aLessonWhoseCellsKeepTheirWordPassesWithSetupCellsRunFirst() {
        assertTrue(lineOf("01-passing.md").contains("ok   lessons: lessons/01-passing.md — 6 cells ran as declared"
                + " (1 no-run skipped)"), report);
    }

    @Test
    void aWrongExpectationNamesTheFileLineCellAndBothOutputs() {
        assertTrue(lineOf("02-wrong-expect.md").contains("FAIL lessons: lessons/02-wrong-expect.md — 2 of 3 cells"), report);
        assertTrue(report.contains("lessons/02-wrong-expect.md:10: cell off-by-one: expected output \"four\","
                + " but it printed \"5\""), report);
        assertTrue(report.contains("lessons/02-wrong-expect.md:14: cell not-failing: expected status runtime_error,"
                + " but the run ended ok"), report);
        assertFalse(report.contains("cell fine:"), report);
    }

    @Test
    void aBrokenLessonReportsItsAuthoringProblemsAndRunsNothing() {
        assertTrue(lineOf("03-broken.md").contains("FAIL lessons: lessons/03-broken.md — the lesson has authoring problems"),
                report);
        assertTrue(report.contains("lessons/03-broken.md:6: unknown cell attribute `expcet`"), report);
    }

    @Test
    void theSummaryCountsEveryLessonAndTheExitCodeSaysSomethingFailed() {
        assertTrue(report.contains("check: 3 items, 1 passed, 2 failed"), report);
        assertEquals(CheckCommand.EXIT_FAILED, exit);
    }

    @Test
    void everyLessonGetsOneProgressLine() {
        assertEquals(3, report.lines().filter(l -> l.matches("\\[[1-3]/3] (ok  |FAIL) lessons: .*")).count(), report);
    }
}
