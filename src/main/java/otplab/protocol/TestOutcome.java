package otplab.protocol;

import java.util.Objects;

/**
 * How one test ended, as the worker saw it. {@code order} places the test in file order
 * (test files in request order, then the line of the test method); {@code testCode} is empty
 * for hidden tests, whose code a learner never sees.
 */
public record TestOutcome(
        String className,
        String methodName,
        String name,
        Status status,
        String message,
        String output,
        String testCode,
        boolean hidden,
        Integer taskId,
        long durationNanos,
        int order) {

    public enum Status { PASSED, FAILED, ERRORED }

    public TestOutcome {
        Objects.requireNonNull(className, "className must not be null");
        Objects.requireNonNull(methodName, "methodName must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(output, "output must not be null");
        Objects.requireNonNull(testCode, "testCode must not be null");
    }
}
