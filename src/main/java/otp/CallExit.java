package otp;

import java.util.Objects;

/**
 * The exit reason of a failed client call, {@code {reason, {GenServer, :call, [dest, msg, timeout]}}}:
 * what went wrong (timeout, noproc, or the server's own exit reason) and the call that failed. The
 * exceptions {@link CallTimeoutException}, {@link NoProcException} and {@link CalleeExitedException}
 * carry it as their {@link ExitException#reason()} ({@code Reason.Other} holding this record).
 */
public record CallExit(Object reason, Mfa call) {
    public CallExit {
        Objects.requireNonNull(reason, "reason must not be null");
        Objects.requireNonNull(call, "call must not be null");
    }

    @Override public String toString() {
        return "{" + reason + ", " + call + "}";
    }
}
