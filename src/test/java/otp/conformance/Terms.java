package otp.conformance;

import java.util.List;
import java.util.stream.Collectors;
import otp.CallTimeoutException;
import otp.CalleeExitedException;
import otp.CallingSelfException;
import otp.Exit;
import otp.ExitException;
import otp.NoProcException;
import otp.Pid;
import otp.Reason;
import otp.Ref;
import otp.StartFailedException;
import otp.TaskTimeoutException;
import otp.Timeout;

/**
 * The trace's vocabulary, twin of {@code Conf.N} in conformance/support.exs: reasons become
 * {@code normal}, {@code shutdown}, {@code killed}, {@code noproc}, {@code {timeout,call}},
 * {@code {crash,RuntimeError}}...; pids and refs print as {@code pid} and {@code ref}.
 */
final class Terms {
    private Terms() {
    }

    /** What a failed client call's exit says, as Elixir's exit reason would once normalised. */
    static String norm(ExitException exit) {
        return switch (exit) {
            // Conf.N strips {GenServer, :stop, _} from a stop's exit, so a stop that timed out is plain timeout.
            case CallTimeoutException t when t.call().function().equals("stop") -> "timeout";
            case CallTimeoutException t -> "{timeout,call}";
            case TaskTimeoutException t -> "{timeout,await}";
            case CallingSelfException c -> "calling_self";
            case NoProcException n -> "noproc";
            case CalleeExitedException c -> norm(c.calleeReason());
            case StartFailedException s when s.alreadyStarted() != null -> "{already_started,pid}";
            default -> norm(exit.reason());
        };
    }

    static String norm(Reason reason) {
        return switch (reason) {
            case Reason.Normal n -> "normal";
            case Reason.Shutdown s -> "shutdown";
            case Reason.ShutdownWith s -> "{shutdown," + term(s.term()) + "}";
            case Reason.Kill k -> "kill";
            case Reason.Killed k -> "killed";
            case Reason.NoProc n -> "noproc";
            case Reason.ExceptionReason e -> "{crash," + elixirName(e.exception()) + "}";
            case Reason.BadReturn b -> "{bad_return_value," + term(b.value()) + "}";
            case Reason.Other o -> term(o.term());
        };
    }

    /** The scenarios raise RuntimeException where the Elixir twin raises RuntimeError. */
    private static String elixirName(Throwable exception) {
        return switch (exception) {
            case ArithmeticException a -> "ArithmeticError";
            case IllegalArgumentException i -> "ArgumentError";
            case RuntimeException r -> "RuntimeError";
            default -> exception.getClass().getSimpleName();
        };
    }

    static String term(Object value) {
        return switch (value) {
            case null -> "nil";
            // Reasons built from text by the framework print "{a, b}"; the BEAM side prints "{a,b}".
            case String s -> s.replace(", ", ",");
            case Pid p -> "pid";
            case Ref r -> "ref";
            case Timeout t -> "timeout";
            case Exit e -> "{EXIT,pid," + norm(e.reason()) + "}";
            case Reason r -> norm(r);
            case List<?> list -> list.stream().map(Terms::term).collect(Collectors.joining(",", "[", "]"));
            default -> String.valueOf(value);
        };
    }
}
