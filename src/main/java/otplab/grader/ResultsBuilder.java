package otplab.grader;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.protocol.GradingReport;
import otplab.protocol.TestOutcome;

/**
 * Turns what a worker did into the results document. Only a complete report with tests that
 * ran can give {@code pass}; every other way a grading can end is an {@code error} with a
 * message in words a learner understands.
 */
final class ResultsBuilder {
    static final int OUTPUT_CAP = 500;
    static final String OUTPUT_CUT_NOTICE = "\n[output cut: only the first " + OUTPUT_CAP + " characters are shown]";
    private static final int MAX_DIAGNOSTICS = 20;
    static final String UNTRUSTED_MESSAGE = "The grader could not trust the answer that came back from the tests"
            + " (it was not sealed by the grader, or it did not report exactly the exercise's tests), so it does not count"
            + " as a result. Code that tampers with grading is refused; grade again, and tell your instructor if this"
            + " happens with ordinary code.";

    private static final Logger LOG = LoggerFactory.getLogger(ResultsBuilder.class);

    private ResultsBuilder() {}

    static ResultsDocument build(String exercise, int points, WorkerOutcome outcome, Duration elapsed) {
        long ms = elapsed.toMillis();
        return switch (outcome) {
            case WorkerOutcome.Reported reported -> fromReport(exercise, points, reported.report(), ms);
            case WorkerOutcome.TimedOut timedOut -> error(exercise, points, ms, "Grading did not finish within "
                    + timedOut.limit().toSeconds() + " s, so it was stopped. Look for an endless loop, or a call"
                    + " that waits for a reply that never comes.");
            case WorkerOutcome.OutOfMemory oom -> error(exercise, points, ms, "The tests ran out of memory (the limit is "
                    + oom.heapMb() + " MB), so grading stopped before any result.");
            case WorkerOutcome.EndedEarly ended -> error(exercise, points, ms, "Grading stopped before the tests"
                    + " reported a result: the worker running them ended (it may have run out of threads or CPU time).");
            case WorkerOutcome.HarnessFault fault -> {
                LOG.warn("grading harness fault: {}", fault.message());
                yield error(exercise, points, ms,
                        "The grader itself failed while grading; this is not a problem with the code. Please report it.");
            }
            case WorkerOutcome.Untrusted untrusted -> {
                LOG.warn("grading of {} not trusted: {}", exercise, untrusted.reason());
                yield error(exercise, points, ms, UNTRUSTED_MESSAGE);
            }
            case WorkerOutcome.Unavailable unavailable -> error(exercise, points, ms,
                    "The solution could not be graded: " + unavailable.reason());
        };
    }

    static ResultsDocument error(String exercise, int points, long ms, String message) {
        return new ResultsDocument(ResultsDocument.VERSION, ResultsDocument.Status.ERROR, message, exercise, points,
                0, ms, List.of());
    }

    private static ResultsDocument fromReport(String exercise, int points, GradingReport report, long ms) {
        return switch (report) {
            case GradingReport.CompileFailed failed -> error(exercise, points, ms, compileMessage(failed));
            case GradingReport.Rejected rejected -> error(exercise, points, ms,
                    "The code was refused before it ran: " + rejected.message());
            case GradingReport.Ran ran -> fromRun(exercise, points, ran, ms);
        };
    }

    private static String compileMessage(GradingReport.CompileFailed failed) {
        String lines = failed.diagnostics().stream().limit(MAX_DIAGNOSTICS)
                .map(GradingReport.CompileDiagnostic::toString).collect(Collectors.joining("\n"));
        int more = failed.diagnostics().size() - MAX_DIAGNOSTICS;
        return "The code does not compile:\n" + lines + (more > 0 ? "\n(and " + more + " more errors)" : "");
    }

    private static ResultsDocument fromRun(String exercise, int points, GradingReport.Ran ran, long ms) {
        List<ResultsDocument.Test> tests = ran.outcomes().stream().map(ResultsBuilder::test).toList();
        long passed = tests.stream().filter(t -> t.status() == ResultsDocument.Status.PASS).count();
        if (!ran.containerFailures().isEmpty()) {
            GradingReport.ContainerFailure first = ran.containerFailures().getFirst();
            return new ResultsDocument(ResultsDocument.VERSION, ResultsDocument.Status.ERROR,
                    "The tests of " + first.name() + " could not run: " + first.message(), exercise, points, 0, ms,
                    tests);
        }
        if (tests.isEmpty()) {
            return error(exercise, points, ms, "No tests ran, so the solution cannot be graded.");
        }
        ResultsDocument.Status status = passed == tests.size() ? ResultsDocument.Status.PASS : ResultsDocument.Status.FAIL;
        double score = Math.round(points * 100.0 * passed / tests.size()) / 100.0;
        return new ResultsDocument(ResultsDocument.VERSION, status, null, exercise, points, score, ms, tests);
    }

    private static ResultsDocument.Test test(TestOutcome o) {
        ResultsDocument.Status status = switch (o.status()) {
            case PASSED -> ResultsDocument.Status.PASS;
            case FAILED -> ResultsDocument.Status.FAIL;
            case ERRORED -> ResultsDocument.Status.ERROR;
        };
        boolean hidden = o.hidden();
        return new ResultsDocument.Test(o.name(), status, o.message().isEmpty() ? null : o.message(),
                o.output().isEmpty() ? null : cap(o.output()), hidden ? null : o.testCode(), o.taskId(),
                Duration.ofNanos(o.durationNanos()).toMillis(), hidden);
    }

    static String cap(String output) {
        return output.length() <= OUTPUT_CAP ? output : output.substring(0, OUTPUT_CAP) + OUTPUT_CUT_NOTICE;
    }
}
