package otp;

/** The server exited while the caller waited for its reply; {@link #calleeReason()} is why it exited. */
public final class CalleeExitedException extends ExitException {
    private final transient Reason calleeReason;
    private final transient Object server;

    /** The exit term ({@code {reason, {GenServer, call, [server]}}}), printed only when someone looks. */
    private record CallExit(Reason calleeReason, Object server) {
        @Override public String toString() {
            return "{" + calleeReason + ", {GenServer, call, [" + server + "]}}";
        }
    }

    public CalleeExitedException(Object server, Reason calleeReason) {
        super(Reason.of(new CallExit(calleeReason, server)), null);
        this.calleeReason = calleeReason;
        this.server = server;
    }

    /** Built on demand: a caller retrying until a restarted server answers would otherwise format every crash. */
    @Override public String getMessage() {
        return "server " + server + " exited before replying: " + calleeReason;
    }

    /** The exit reason of the server that died mid-call. */
    public Reason calleeReason() {
        return calleeReason;
    }
}
