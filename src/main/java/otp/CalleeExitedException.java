package otp;

import java.util.List;

/**
 * The server exited while the caller waited for its reply; {@link #calleeReason()} is why it exited.
 * Its reason is {@code {calleeReason, {GenServer, :call, [server, request, timeout]}}}, a {@link CallExit}.
 */
public final class CalleeExitedException extends ExitException {
    private final transient Reason calleeReason;
    private final transient Object server;
    private final transient Mfa call;

    public CalleeExitedException(Object server, Reason calleeReason) {
        this(server, calleeReason, new Mfa("GenServer", "call", List.of(server)));
    }

    public CalleeExitedException(Object server, Reason calleeReason, Mfa call) {
        super(Reason.of(new CallExit(calleeReason, call)), null);
        this.calleeReason = calleeReason;
        this.server = server;
        this.call = call;
    }

    /** Built on demand: a caller retrying until a restarted server answers would otherwise format every crash. */
    @Override public String getMessage() {
        return "server " + server + " exited before replying: " + calleeReason;
    }

    /** The exit reason of the server that died mid-call. */
    public Reason calleeReason() {
        return calleeReason;
    }

    public Object server() {
        return server;
    }

    /** The call that was cut short. */
    public Mfa call() {
        return call;
    }
}
