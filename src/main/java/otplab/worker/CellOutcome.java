package otplab.worker;

import java.util.List;
import java.util.Objects;
import otplab.protocol.CellDiagnostic;
import otplab.protocol.RunStatus;

/**
 * What evaluating one cell produced, apart from its printed output.
 *
 * @param status   how the cell ended; a stopped cell is {@link RunStatus#KILLED}
 * @param values   expression and variable values shown the way JShell shows them ({@code x ==> 42})
 * @param error    the exception or refusal as the learner should read it; empty when none
 */
public record CellOutcome(RunStatus status, List<String> values, List<CellDiagnostic> diagnostics, String error) {
    public CellOutcome {
        Objects.requireNonNull(status, "status must not be null");
        values = List.copyOf(values);
        diagnostics = List.copyOf(diagnostics);
        error = error == null ? "" : error;
    }
}
