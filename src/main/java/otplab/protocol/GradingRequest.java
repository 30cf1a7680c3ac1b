package otplab.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a worker needs to grade one solution: the learner's files, the tests to run against
 * them (in the order their results should be listed) and the time one test may take before
 * it is failed as an endless loop or a blocked call.
 */
public record GradingRequest(List<SourceFile> learnerFiles, List<TestSource> tests, Duration testTimeout) {
    public GradingRequest {
        Objects.requireNonNull(learnerFiles, "learnerFiles must not be null");
        Objects.requireNonNull(tests, "tests must not be null");
        Objects.requireNonNull(testTimeout, "testTimeout must not be null");
        learnerFiles = List.copyOf(learnerFiles);
        tests = List.copyOf(tests);
        if (testTimeout.isNegative() || testTimeout.isZero()) {
            throw new IllegalArgumentException("testTimeout must be positive");
        }
    }
}
