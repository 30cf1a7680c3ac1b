package otplab.jvm;

/** Every worker stayed busy for the whole queue wait. */
public class WorkersBusyException extends Exception {
    public WorkersBusyException() {
        super("all workers are busy right now; please try again in a moment");
    }

    WorkersBusyException(String message) {
        super(message);
    }
}
