package otplab.protocol;

import java.util.List;
import java.util.Objects;

/**
 * What the worker reports after grading. The sources did not compile, a learner class was
 * refused by the sandbox's policy, or the tests ran;
 * in the second case some containers (a test class whose {@code @BeforeAll} or static
 * initialiser failed) may have failed as a whole.
 */
public sealed interface GradingReport {

    /** javac refused the sources; nothing ran. */
    record CompileFailed(List<CompileDiagnostic> diagnostics) implements GradingReport {
        public CompileFailed {
            diagnostics = List.copyOf(Objects.requireNonNull(diagnostics, "diagnostics must not be null"));
        }
    }

    /** The tests ran; {@code outcomes} hold one entry per test, in file order. */
    record Ran(List<TestOutcome> outcomes, List<ContainerFailure> containerFailures) implements GradingReport {
        public Ran {
            outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes must not be null"));
            containerFailures = List.copyOf(Objects.requireNonNull(containerFailures, "containerFailures must not be null"));
        }
    }

    /** The sandbox's bytecode policy refused a learner class; nothing ran. */
    record Rejected(String message) implements GradingReport {
        public Rejected {
            Objects.requireNonNull(message, "message must not be null");
        }
    }

    /** A compiler error with the file and line a learner can find it at. */
    record CompileDiagnostic(String file, long line, long column, String message) {
        public CompileDiagnostic {
            Objects.requireNonNull(file, "file must not be null");
            Objects.requireNonNull(message, "message must not be null");
        }

        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    /** A test class (or other container) that failed outside any single test. */
    record ContainerFailure(String name, String message) {
        public ContainerFailure {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(message, "message must not be null");
        }
    }
}
