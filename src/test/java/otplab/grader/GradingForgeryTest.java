package otplab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import otplab.course.Exercise;
import otplab.course.ExerciseLoader;
import otplab.jvm.WorkerSettings;
import otplab.protocol.GradingReport;
import otplab.protocol.GradingRequest;
import otplab.protocol.GradingSeal;
import otplab.protocol.SourceFile;
import otplab.protocol.TestOutcome;
import otplab.protocol.TestSource;

/**
 * A verdict is something only the grader's harness can write: the report must carry this grading's
 * seal, and must name exactly the tests the grader sent. Each check is tried on its own (the other
 * passing), and once for real: a trusted probe inside a real sandboxed grading worker writes forged
 * "every test passed" frames onto the control socket, as learner code past the policy would.
 */
class GradingForgeryTest {
    private static final Exercise TALLY = load("tally");

    private static Exercise load(String slug) {
        try {
            return ExerciseLoader.load(GradingGoldenTest.ROOT.resolve("exercises").resolve(slug));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static GradingRequest allTestsOf(Exercise exercise) {
        List<TestSource> tests = new ArrayList<>();
        exercise.visibleTests().forEach(t -> tests.add(new TestSource(t, false)));
        exercise.hiddenTests().forEach(t -> tests.add(new TestSource(t, true)));
        return new GradingRequest(exercise.starter(), tests, Duration.ofSeconds(1));
    }

    private static TestOutcome passed(String className, String method, boolean hidden) {
        return new TestOutcome(className, method, method, TestOutcome.Status.PASSED, "", "", "", hidden, null, 1, 0);
    }

    /** What an honest worker reports for the tally exercise when every test passes. */
    private static List<TestOutcome> honest() {
        return new ArrayList<>(List.of(
                passed("TallyTest", "unknownWordCountsZero", false),
                passed("TallyTest", "addingTwiceCountsTwo", false),
                passed("TallyTest", "totalCountsEveryWord", false),
                passed("TallyHiddenTest", "wordsAreCaseSensitive", true),
                passed("TallyHiddenTest", "freshTotalIsZero", true)));
    }

    private static WorkerOutcome checked(List<TestOutcome> outcomes) {
        return GradingWorkerLauncher.checked(new WorkerOutcome.Reported(new GradingReport.Ran(outcomes, List.of())),
                allTestsOf(TALLY));
    }

    @Test
    void aReportNamingExactlyTheSentTestsIsTrusted() {
        assertInstanceOf(WorkerOutcome.Reported.class, checked(honest()));
    }

    @Test
    void aReportThatLeavesOutAHiddenTestIsUntrusted() {
        List<TestOutcome> outcomes = honest();
        outcomes.removeLast();
        WorkerOutcome outcome = checked(outcomes);
        assertEquals(new WorkerOutcome.Untrusted("the report leaves out the test TallyHiddenTest#freshTotalIsZero"), outcome);
    }

    @Test
    void aReportWithATestTheGraderNeverSentIsUntrusted() {
        List<TestOutcome> outcomes = honest();
        outcomes.add(passed("TallyHiddenTest", "aTestOfMyOwn", true));
        assertEquals(new WorkerOutcome.Untrusted("the report names a test the grader did not send: TallyHiddenTest#aTestOfMyOwn"),
                checked(outcomes));
    }

    @Test
    void aReportThatCountsATestTwiceIsUntrusted() {
        List<TestOutcome> outcomes = honest();
        outcomes.add(passed("TallyTest", "unknownWordCountsZero", false));
        assertEquals(new WorkerOutcome.Untrusted("the report counts the test TallyTest#unknownWordCountsZero 2 times"),
                checked(outcomes));
    }

    @Test
    void aReportThatShowsAHiddenTestAsVisibleIsUntrusted() {
        List<TestOutcome> outcomes = honest();
        outcomes.set(3, passed("TallyHiddenTest", "wordsAreCaseSensitive", false));
        assertEquals(new WorkerOutcome.Untrusted("the report shows TallyHiddenTest#wordsAreCaseSensitive as visible"),
                checked(outcomes));
    }

    @Test
    void aVisibleOnlyRunMustNotClaimHiddenTests() {
        List<TestSource> visible = TALLY.visibleTests().stream().map(t -> new TestSource(t, false)).toList();
        WorkerOutcome outcome = GradingWorkerLauncher.checked(
                new WorkerOutcome.Reported(new GradingReport.Ran(honest(), List.of())),
                new GradingRequest(TALLY.starter(), visible, Duration.ofSeconds(1)));
        assertInstanceOf(WorkerOutcome.Untrusted.class, outcome);
    }

    @Test
    void anUntrustedAnswerIsAnErrorWithASentenceNeverAPass() {
        ResultsDocument doc = ResultsBuilder.build("tally", 10, new WorkerOutcome.Untrusted("forged"), Duration.ZERO);
        assertEquals(ResultsDocument.Status.ERROR, doc.status());
        assertEquals(ResultsBuilder.UNTRUSTED_MESSAGE, doc.message());
        assertEquals(0.0, doc.score());
        assertTrue(doc.tests().isEmpty());
    }

    @Test
    void onlyTheGradingsOwnSealVerifiesItsReport() {
        byte[] report = "a report".getBytes(StandardCharsets.UTF_8);
        GradingSeal seal = GradingSeal.random();
        String signature = GradingSeal.of(seal.token()).sign(report);
        assertTrue(seal.verifies(report, signature));
        assertFalse(seal.verifies("another report".getBytes(StandardCharsets.UTF_8), signature), "a changed report");
        assertFalse(GradingSeal.random().verifies(report, signature), "another grading's seal");
        assertFalse(seal.verifies(report, "0".repeat(64)), "a guessed signature");
        assertFalse(seal.verifies(report, null), "no signature");
        assertNotEquals(seal.token(), GradingSeal.random().token());
        assertFalse(seal.toString().contains(seal.token()), "a seal never shows itself in a log line");
    }

    /**
     * Started the old way (full JDK, class path), the worker lets the probe reach the channel, so
     * the seal is what stops it; a confined worker gives it no route at all ({@link GradingPastThePolicyTest}).
     */
    @Test
    void forgedFramesWrittenOntoTheSocketFromInsideARealGradingAreNotAVerdict() throws Exception {
        Exercise forger = load("tally-forger");
        Grader grader = Grader.create(GradingWorkerLauncher.create(WorkerSettings.builder().classPathGrading(true).build()));

        ResultsDocument doc = grader.grade(forger, forger.starter(), Grader.Scope.ALL);

        assertEquals(ResultsDocument.Status.ERROR, doc.status(), "the starter code was forged into: " + ResultsJson.write(doc)
                + " (a 'fail' here means the probe could not reach the socket: was sun.misc.Unsafe or /proc missing?)");
        assertEquals(ResultsBuilder.UNTRUSTED_MESSAGE, doc.message());
    }

    @Test
    void theSameStarterGradedHonestlyFails() {
        Grader grader = Grader.create(GradingWorkerLauncher.withDefaults());
        ResultsDocument doc = grader.grade(TALLY, List.of(new SourceFile("Tally.java", TALLY.starter().getFirst().content())),
                Grader.Scope.ALL);
        assertEquals(ResultsDocument.Status.FAIL, doc.status(), ResultsJson.write(doc));
    }
}
