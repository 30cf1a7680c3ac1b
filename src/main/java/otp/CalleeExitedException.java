package otp;

/** The server exited while the caller waited for its reply; {@link #calleeReason()} is why it exited. */
public final class CalleeExitedException extends ExitException {
    private final transient Reason calleeReason;

    public CalleeExitedException(Object server, Reason calleeReason) {
        super(Reason.of("{" + calleeReason + ", {GenServer, call, [" + server + "]}}"),
                "server " + server + " exited before replying: " + calleeReason);
        this.calleeReason = calleeReason;
    }

    /** The exit reason of the server that died mid-call. */
    public Reason calleeReason() {
        return calleeReason;
    }
}
