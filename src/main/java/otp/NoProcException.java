package otp;

/** The server called does not exist: a dead pid or a name nobody has registered ({@code {:noproc, ...}}). */
public final class NoProcException extends ExitException {
    public NoProcException(Object server) {
        super(Reason.of("{noproc, " + server + "}"), "no process " + server + " (it is not alive or not registered)");
    }
}
