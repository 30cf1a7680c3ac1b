package otplab.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded grading: who sent which files for which exercise, and what came back.
 *
 * @param id assigned by the store ({@code 0} before it is recorded)
 * @param kind {@link Kind#TEST} for "Run tests" (visible tests only), {@link Kind#SUBMIT} for a submission
 * @param status the results document's status word: {@code pass}, {@code fail} or {@code error}
 * @param resultsJson the results document as sent to the learner
 */
public record Submission(
        long id,
        String learner,
        String exercise,
        Kind kind,
        String status,
        double score,
        int passed,
        int total,
        Map<String, String> files,
        String resultsJson,
        Instant createdAt) {

    public enum Kind { TEST, SUBMIT }

    public Submission {
        Objects.requireNonNull(learner, "learner must not be null");
        Objects.requireNonNull(exercise, "exercise must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(resultsJson, "resultsJson must not be null");
        Objects.requireNonNull(createdAt, "createdAt must not be null");
        files = Map.copyOf(files);
    }
}
