import java.util.List;
import java.util.stream.IntStream;
import otp.ChildSpec;
import otp.Pid;
import otp.Restart;
import otp.Strategy;
import otp.Supervisor;

/**
 * The supervisor of the workers. The workers share nothing, so a crash is repaired by restarting
 * the one that crashed (one_for_one); a worker that finishes on purpose is left stopped (transient).
 */
public final class WorkerSupervisor {
    static final int MAX_RESTARTS = 5;
    static final int WITHIN_SECONDS = 10;

    private WorkerSupervisor() {
    }

    public static Pid startLink(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("a worker supervisor needs at least one worker, got " + workers);
        }
        List<ChildSpec> children = IntStream.rangeClosed(1, workers)
                .mapToObj(WorkerSupervisor::workerSpec)
                .toList();
        return Supervisor.startLink(children, Supervisor.Flags.builder()
                .strategy(Strategy.ONE_FOR_ONE)
                .intensity(MAX_RESTARTS)
                .period(WITHIN_SECONDS)
                .build());
    }

    private static ChildSpec workerSpec(int number) {
        String name = "worker-" + number;
        return ChildSpec.worker(name, () -> Worker.startLink(name)).withRestart(Restart.TRANSIENT);
    }
}
