package otplab.jvm;

/** Runs are refused: the OS sandbox cannot run here and unsafe runs were not allowed. */
public final class SandboxUnavailableException extends RuntimeException {
    public SandboxUnavailableException(String message) {
        super(message);
    }
}
