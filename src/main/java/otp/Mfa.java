package otp;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A function and its arguments as an exit reason names them: the {@code {GenServer, :call, [dest, msg, 5000]}}
 * in {@code {:timeout, {GenServer, :call, [dest, msg, 5000]}}}. Timeouts are numbers of milliseconds,
 * or the string "infinity".
 */
public record Mfa(String module, String function, List<Object> args) {
    public Mfa {
        Objects.requireNonNull(module, "module must not be null");
        Objects.requireNonNull(function, "function must not be null");
        args = List.copyOf(Objects.requireNonNull(args, "args must not be null"));
    }

    static Mfa call(Object server, Object request, long timeoutMs) {
        return new Mfa("GenServer", "call", List.of(server, request, timeoutTerm(timeoutMs)));
    }

    static Mfa stop(Object server, Reason reason, long timeoutMs) {
        return new Mfa("GenServer", "stop", List.of(server, reason, timeoutTerm(timeoutMs)));
    }

    private static Object timeoutTerm(long timeoutMs) {
        return timeoutMs < 0 ? "infinity" : timeoutMs;
    }

    @Override public String toString() {
        return "{" + module + ", " + function + ", "
                + args.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]")) + "}";
    }
}
