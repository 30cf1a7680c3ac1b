package otplab.protocol;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a run of learner code ended: the one vocabulary of the worker's RESULT frame, the run API's
 * {@code status}, a lesson cell's expected {@code status} and {@code ./otplab check}. The browser's
 * {@code web/src/runner.js} names the same words; {@code RunStatusTest} holds the two together.
 */
public enum RunStatus {
    OK("ok"),
    COMPILE_ERROR("compile_error"),
    RUNTIME_ERROR("runtime_error"),
    /** Only the server decides this one: the wall time passed. */
    TIMEOUT("timeout"),
    /** Stopped on request, or the worker ended under the run. */
    KILLED("killed"),
    REJECTED("rejected");

    private final String wireName;

    RunStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the socket, in lesson files and in the run API. */
    public String wireName() {
        return wireName;
    }

    public static Optional<RunStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    public static String allWireNames() {
        return Arrays.stream(values()).map(RunStatus::wireName).collect(Collectors.joining(", "));
    }
}
