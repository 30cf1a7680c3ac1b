package otplab.course;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a cell's run is expected to end; the names are the {@code status} values of {@code POST /api/run}. */
public enum ExpectedStatus {
    OK("ok"),
    COMPILE_ERROR("compile_error"),
    RUNTIME_ERROR("runtime_error"),
    TIMEOUT("timeout"),
    KILLED("killed"),
    REJECTED("rejected");

    private final String wireName;

    ExpectedStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in lesson files and in the run API. */
    public String wireName() {
        return wireName;
    }

    public static Optional<ExpectedStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    static String allWireNames() {
        return Arrays.stream(values()).map(ExpectedStatus::wireName).collect(Collectors.joining(", "));
    }
}
