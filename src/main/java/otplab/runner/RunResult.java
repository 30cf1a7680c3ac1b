package otplab.runner;

import java.util.List;
import java.util.Objects;
import otplab.worker.CellDiagnostic;

/**
 * The outcome of one run as the API reports it.
 *
 * @param status    {@code ok}, {@code compile_error}, {@code runtime_error}, {@code timeout}, {@code killed} or {@code rejected}
 * @param error     the exception, refusal or limit as a learner should read it; empty when none
 * @param truncated whether the output passed the limit and was cut
 */
public record RunResult(String status, String stdout, String stderr, List<String> values,
                        List<CellDiagnostic> diagnostics, String error, long durationMs, boolean truncated) {
    public static final String OK = "ok";
    public static final String COMPILE_ERROR = "compile_error";
    public static final String RUNTIME_ERROR = "runtime_error";
    public static final String TIMEOUT = "timeout";
    public static final String KILLED = "killed";
    public static final String REJECTED = "rejected";

    public RunResult {
        Objects.requireNonNull(status, "status must not be null");
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        values = List.copyOf(values);
        diagnostics = List.copyOf(diagnostics);
        error = error == null ? "" : error;
    }

    static RunResult refused(String status, String error) {
        return new RunResult(status, "", "", List.of(), List.of(), error, 0, false);
    }
}
