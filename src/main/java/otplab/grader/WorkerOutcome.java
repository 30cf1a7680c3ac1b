package otplab.grader;

import java.time.Duration;
import java.util.Objects;
import otplab.worker.grading.GradingReport;

/**
 * How a grading worker ended, seen from outside it. Only {@link Reported} carries test
 * results; every other case means the solution could not be graded. {@code rawOutput} is what
 * the worker wrote to its raw standard streams: learner text, never trusted as a result.
 */
public sealed interface WorkerOutcome {

    record Reported(GradingReport report, String rawOutput) implements WorkerOutcome {
        public Reported {
            Objects.requireNonNull(report, "report must not be null");
        }
    }

    /** The wall-time limit passed; the worker was killed. */
    record TimedOut(Duration limit, String rawOutput) implements WorkerOutcome {}

    /** The worker ended, or closed its channel, before a complete report arrived. */
    record EndedEarly(int exitCode, String rawOutput) implements WorkerOutcome {}

    /** No worker could be started: a fault of the machine, not of the solution. */
    record Unavailable(String reason) implements WorkerOutcome {}
}
