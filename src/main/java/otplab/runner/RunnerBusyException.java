package otplab.runner;

/** Every worker stayed busy for the whole queue wait. */
public final class RunnerBusyException extends Exception {
    public RunnerBusyException() {
        super("all workers are busy right now; please try again in a moment");
    }
}
