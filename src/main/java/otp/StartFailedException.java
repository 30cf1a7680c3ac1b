package otp;

/**
 * A process could not be started: its init stopped or crashed ({@code {:error, reason}}), or its name
 * was taken ({@code {:error, {:already_started, pid}}}, then {@link #alreadyStarted()} holds the owner).
 */
public final class StartFailedException extends ExitException {
    private final transient Pid alreadyStarted;

    public StartFailedException(Reason reason) {
        super(reason, "the process failed to start: " + reason);
        this.alreadyStarted = null;
    }

    public StartFailedException(Object name, Pid owner) {
        super(Reason.of("{already_started, " + owner + "}"), "the name " + name + " is already taken by " + owner);
        this.alreadyStarted = owner;
    }

    /** The process already registered under the requested name, or null when the start failed otherwise. */
    public Pid alreadyStarted() {
        return alreadyStarted;
    }
}
