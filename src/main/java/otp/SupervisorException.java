package otp;

/**
 * A supervisor refused a child operation; {@link #problem()} says why (OTP's {@code {:error, ...}}).
 * For START_FAILED, {@link #reason()} is the child's own reason, the {@code reason} of Elixir's
 * {@code {:error, reason}} (what its init stopped with, or the exception it raised).
 */
public final class SupervisorException extends RuntimeException {
    public enum Problem { NOT_FOUND, RUNNING, ALREADY_PRESENT, ALREADY_STARTED, START_FAILED, MAX_CHILDREN }

    private final Problem problem;
    private final transient Reason reason;

    public SupervisorException(Problem problem, String message) {
        this(problem, message, null);
    }

    public SupervisorException(Problem problem, String message, Reason reason) {
        super(message, null, false, false);
        this.problem = problem;
        this.reason = reason;
    }

    public Problem problem() {
        return problem;
    }

    /** Why the child failed to start (START_FAILED); null for the other problems. */
    public Reason reason() {
        return reason;
    }
}
