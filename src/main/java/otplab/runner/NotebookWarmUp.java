package otplab.runner;

import java.time.Duration;
import otplab.jvm.OutputListener;
import otplab.jvm.WorkerConnection;
import otplab.protocol.RunStatus;

/**
 * The cell a ready notebook worker runs before any learner code, so a session's first cells do not
 * pay for a cold javac and JShell: a record, a pattern switch with a guard, a lambda and a stream,
 * the shapes lesson cells use. Measured (bench/sandbox/first_cell.py): the GenServer lesson's cells
 * on a fresh worker 1,250 ms, after this cell 859 ms (0.69x). Its two names stay declared in the
 * session, as the harness's own warm-up variable does.
 */
final class NotebookWarmUp {
    static final String CELL = """
            record OtplabWarmUp(int n) {}
            int otplabWarmUp = switch (new OtplabWarmUp(2)) {
                case OtplabWarmUp(int n) when n > 1 -> java.util.stream.IntStream.range(0, n).map(i -> i * 2).sum();
                default -> 0;
            };""";
    /** A warm-up that takes longer (a machine under heavy load) is given up: the worker is replaced by a plain one. */
    static final Duration LIMIT = Duration.ofSeconds(20);

    private NotebookWarmUp() {}

    /** Runs the cell in a worker no learner has used yet; false when it did not end cleanly. */
    static boolean warm(WorkerConnection worker) {
        RunResult result = new NotebookWorker(worker).run(CELL, LIMIT, OutputListener.NONE);
        return result.status() == RunStatus.OK && worker.isAlive();
    }
}
