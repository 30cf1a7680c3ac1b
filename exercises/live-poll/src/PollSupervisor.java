import otp.Pid;
import otp.data.Repo;

/** The poll's supervision tree. See the instructions, task 2. */
public final class PollSupervisor {
    private PollSupervisor() {
    }

    public static Pid startLink(Repo repo) {
        throw new IllegalStateException("PollSupervisor.startLink is not written yet");
    }
}
