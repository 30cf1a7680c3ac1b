package otp;

/**
 * {@code GenServer.call} got no reply within its timeout. Its reason is Elixir's exit
 * {@code {:timeout, {GenServer, :call, [server, request, timeoutMs]}}}, a {@link CallExit}.
 */
public final class CallTimeoutException extends ExitException {
    private final transient Object server;
    private final transient Object request;
    private final long timeoutMs;
    private final transient Mfa call;

    public CallTimeoutException(Object server, Object request, long timeoutMs) {
        this(server, request, timeoutMs, Mfa.call(server, request, timeoutMs));
    }

    CallTimeoutException(Object server, Object request, long timeoutMs, Mfa call) {
        super(Reason.of(new CallExit("timeout", call)),
                "no reply from " + server + " to " + request + " within " + timeoutMs + " ms");
        this.server = server;
        this.request = request;
        this.timeoutMs = timeoutMs;
        this.call = call;
    }

    public Object server() {
        return server;
    }

    public Object request() {
        return request;
    }

    public long timeoutMs() {
        return timeoutMs;
    }

    /** The call that timed out: {@code {GenServer, call, [server, request, timeoutMs]}}. */
    public Mfa call() {
        return call;
    }
}
