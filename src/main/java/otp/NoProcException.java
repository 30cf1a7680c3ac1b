package otp;

/**
 * The process addressed does not exist: a dead pid or a name nobody has registered. From a client
 * call its reason is {@code {:noproc, {GenServer, :call, [server, request, timeout]}}} (a {@link CallExit});
 * from a link to a dead process, {@code {noproc, pid}}.
 */
public final class NoProcException extends ExitException {
    private final transient Object server;
    private final transient Mfa call;

    /** The exit term ({@code {noproc, server}}), printed only when someone looks. */
    private record NoProcExit(Object server) {
        @Override public String toString() {
            return "{noproc, " + server + "}";
        }
    }

    public NoProcException(Object server) {
        super(Reason.of(new NoProcExit(server)), null);
        this.server = server;
        this.call = null;
    }

    public NoProcException(Object server, Mfa call) {
        super(Reason.of(new CallExit("noproc", call)), null);
        this.server = server;
        this.call = call;
    }

    /** Built on demand: clients that retry until a name is registered again throw this often. */
    @Override public String getMessage() {
        return "no process " + server + " (it is not alive or not registered)";
    }

    public Object server() {
        return server;
    }

    /** The call that found no process, or null when this did not come from a call. */
    public Mfa call() {
        return call;
    }
}
