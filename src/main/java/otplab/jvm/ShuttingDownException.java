package otplab.jvm;

/**
 * The server is stopping: no new run or grading starts. A {@link WorkersBusyException} so every
 * caller that already answers "busy" answers this instead, with its own sentence.
 */
public final class ShuttingDownException extends WorkersBusyException {
    public static final String MESSAGE = "the server is shutting down; please try again in a minute, once it is back";

    public ShuttingDownException() {
        super(MESSAGE);
    }
}
