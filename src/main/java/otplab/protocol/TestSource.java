package otplab.protocol;

import java.util.Objects;

/**
 * A test file of an exercise. Hidden tests run like visible ones, but their code is never
 * copied into a result: a learner sees their name and outcome only.
 */
public record TestSource(SourceFile file, boolean hidden) {
    public TestSource {
        Objects.requireNonNull(file, "file must not be null");
    }
}
