package otplab.runner;

import java.util.List;
import java.util.Objects;
import otplab.protocol.CellDiagnostic;
import otplab.protocol.RunStatus;

/**
 * The outcome of one run as the API reports it.
 *
 * @param status    how the run ended
 * @param error     the exception, refusal or limit as a learner should read it; empty when none
 * @param truncated whether the output passed the limit and was cut
 */
public record RunResult(RunStatus status, String stdout, String stderr, List<String> values,
                        List<CellDiagnostic> diagnostics, String error, long durationMs, boolean truncated) {
    public RunResult {
        Objects.requireNonNull(status, "status must not be null");
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        values = List.copyOf(values);
        diagnostics = List.copyOf(diagnostics);
        error = error == null ? "" : error;
    }

    static RunResult refused(RunStatus status, String error) {
        return new RunResult(status, "", "", List.of(), List.of(), error, 0, false);
    }
}
