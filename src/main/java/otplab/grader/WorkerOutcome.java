package otplab.grader;

import java.time.Duration;
import java.util.Objects;
import otplab.protocol.GradingReport;

/**
 * How a grading worker ended, seen from outside it. Only {@link Reported} carries test
 * results; every other case means the solution could not be graded. Whatever the worker wrote
 * to its raw standard streams is learner text and never becomes a result.
 */
public sealed interface WorkerOutcome {

    record Reported(GradingReport report) implements WorkerOutcome {
        public Reported {
            Objects.requireNonNull(report, "report must not be null");
        }
    }

    /** The wall-time limit passed; the worker was killed. */
    record TimedOut(Duration limit) implements WorkerOutcome {}

    /** The worker's heap ran out. */
    record OutOfMemory(int heapMb) implements WorkerOutcome {}

    /** The worker ended, or closed its channel, before a report arrived. */
    record EndedEarly(String rawOutput) implements WorkerOutcome {}

    /** The grading harness itself failed: our fault, not the solution's. */
    record HarnessFault(String message) implements WorkerOutcome {}

    /**
     * The worker's answer is not one the grader can trust: it lacks this grading's seal, or it does
     * not report exactly the tests the grader sent. Never a pass; {@code reason} is for the log.
     */
    record Untrusted(String reason) implements WorkerOutcome {
        public Untrusted {
            Objects.requireNonNull(reason, "reason must not be null");
        }
    }

    /** No worker could be started: a fault of the machine, not of the solution. */
    record Unavailable(String reason) implements WorkerOutcome {}
}
