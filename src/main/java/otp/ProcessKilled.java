package otp;

/**
 * Unwinds the thread of a process that was already ended from outside (killed, or an exit signal it
 * did not trap). An Error, so ordinary {@code catch (Exception e)} in learner code does not swallow it.
 */
final class ProcessKilled extends Error {
    static final ProcessKilled INSTANCE = new ProcessKilled();

    private ProcessKilled() {
        super("process killed", null, false, false);
    }
}
