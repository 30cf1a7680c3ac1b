import otp.Pid;

/** The supervisor of the workers. See the instructions. */
public final class WorkerSupervisor {
    private WorkerSupervisor() {
    }

    public static Pid startLink(int workers) {
        throw new IllegalStateException("the worker supervisor is not written yet");
    }
}
