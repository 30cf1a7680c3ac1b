package otp;

/** {@code GenServer.call} got no reply within its timeout (Elixir exits with {@code {:timeout, {GenServer, :call, ...}}}). */
public final class CallTimeoutException extends ExitException {
    public CallTimeoutException(Object server, Object request, long timeoutMs) {
        super(Reason.of("{timeout, {GenServer, call, [" + server + ", " + request + ", " + timeoutMs + "]}}"),
                "no reply from " + server + " to " + request + " within " + timeoutMs + " ms");
    }
}
