package otplab.jvm;

/** Every worker stayed busy for the whole queue wait. */
public final class WorkersBusyException extends Exception {
    public WorkersBusyException() {
        super("all workers are busy right now; please try again in a moment");
    }
}
