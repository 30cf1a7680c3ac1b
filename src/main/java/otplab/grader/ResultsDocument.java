package otplab.grader;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The results document (a contract, see docs/CONTRACTS.md): Exercism's test-runner results.json,
 * version 3, with our additions ({@code exercise}, {@code points}, {@code score},
 * {@code durationMs}, per-test {@code durationMs} and {@code hidden}) beside its fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"version", "status", "message", "exercise", "points", "score", "durationMs", "tests"})
public record ResultsDocument(
        int version,
        Status status,
        String message,
        String exercise,
        int points,
        double score,
        long durationMs,
        List<Test> tests) {

    public static final int VERSION = 3;

    public enum Status {
        @JsonProperty("pass") PASS,
        @JsonProperty("fail") FAIL,
        @JsonProperty("error") ERROR;

        /** The exit code of {@code ./otplab grade} for this status. */
        public int exitCode() {
            return switch (this) {
                case PASS -> 0;
                case FAIL -> 1;
                case ERROR -> 2;
            };
        }

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ResultsDocument {
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(exercise, "exercise must not be null");
        tests = List.copyOf(tests);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "status", "message", "output", "test_code", "task_id", "durationMs", "hidden"})
    public record Test(
            String name,
            Status status,
            String message,
            String output,
            @JsonProperty("test_code") String testCode,
            @JsonProperty("task_id") Integer taskId,
            long durationMs,
            boolean hidden) {

        public Test {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(status, "status must not be null");
        }
    }

    public long passedCount() {
        return tests.stream().filter(t -> t.status() == Status.PASS).count();
    }
}
