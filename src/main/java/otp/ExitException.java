package otp;

import java.util.Objects;

/**
 * An exit (Elixir's {@code exit(reason)}): thrown in a process, it ends the process with
 * {@link #reason()} unless caught. The runtime throws subclasses when a client call fails:
 * <ul>
 *   <li>{@link CallTimeoutException}: no reply within the timeout;</li>
 *   <li>{@link NoProcException}: the server does not exist (or is not registered under that name);</li>
 *   <li>{@link CallingSelfException}: a process called itself, which could never be answered;</li>
 *   <li>{@link CalleeExitedException}: the server exited before it replied;</li>
 *   <li>{@link StartFailedException}: a process failed to start ({@code {:error, reason}});</li>
 *   <li>{@link TaskTimeoutException}: a task did not finish before {@code Task.await}'s timeout.</li>
 * </ul>
 */
public class ExitException extends RuntimeException {
    private final transient Reason reason;

    public ExitException(Reason reason) {
        this(reason, "process exited: " + reason);
    }

    protected ExitException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason must not be null");
    }

    /** The reason the process ends with when this exception is not caught. */
    public Reason reason() {
        return reason;
    }
}
