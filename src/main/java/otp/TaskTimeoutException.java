package otp;

/** {@code Task.await} gave up: the task did not answer within the timeout. */
public final class TaskTimeoutException extends ExitException {
    public TaskTimeoutException(Pid task, long timeoutMs) {
        super(Reason.of("{timeout, {Task, await, [" + task + ", " + timeoutMs + "]}}"),
                "task " + task + " did not finish within " + timeoutMs + " ms");
    }
}
