package otp;

/** The server called does not exist: a dead pid or a name nobody has registered ({@code {:noproc, ...}}). */
public final class NoProcException extends ExitException {
    private final transient Object server;

    /** The exit term ({@code {noproc, server}}), printed only when someone looks. */
    private record NoProcExit(Object server) {
        @Override public String toString() {
            return "{noproc, " + server + "}";
        }
    }

    public NoProcException(Object server) {
        super(Reason.of(new NoProcExit(server)), null);
        this.server = server;
    }

    /** Built on demand: clients that retry until a name is registered again throw this often. */
    @Override public String getMessage() {
        return "no process " + server + " (it is not alive or not registered)";
    }
}
