package otplab.worker;

import java.util.List;
import java.util.Objects;

/**
 * What evaluating one cell produced, apart from its printed output.
 *
 * @param status   {@code ok}, {@code compile_error}, {@code runtime_error}, {@code rejected} or {@code stopped}
 * @param values   expression and variable values shown the way JShell shows them ({@code x ==> 42})
 * @param error    the exception or refusal as the learner should read it; empty when none
 */
public record CellOutcome(String status, List<String> values, List<CellDiagnostic> diagnostics, String error) {
    public static final String OK = "ok";
    public static final String COMPILE_ERROR = "compile_error";
    public static final String RUNTIME_ERROR = "runtime_error";
    public static final String REJECTED = "rejected";
    public static final String STOPPED = "stopped";

    public CellOutcome {
        Objects.requireNonNull(status, "status must not be null");
        values = List.copyOf(values);
        diagnostics = List.copyOf(diagnostics);
        error = error == null ? "" : error;
    }
}
