package otp;

/** A supervisor refused a child operation; {@link #problem()} says why (OTP's {@code {:error, ...}}). */
public final class SupervisorException extends RuntimeException {
    public enum Problem { NOT_FOUND, RUNNING, ALREADY_PRESENT, ALREADY_STARTED, START_FAILED, MAX_CHILDREN }

    private final Problem problem;

    public SupervisorException(Problem problem, String message) {
        super(message, null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
