import java.util.List;
import otp.ChildSpec;
import otp.Pid;
import otp.Strategy;
import otp.Supervisor;
import otp.data.Repo;

/** The poll's supervision tree: the vote server, restarted whenever it crashes. */
public final class PollSupervisor {
    private PollSupervisor() {
    }

    public static Pid startLink(Repo repo) {
        return Supervisor.startLink(
                List.of(ChildSpec.worker("votes", () -> VoteServer.startLink(repo))),
                Supervisor.Flags.builder().strategy(Strategy.ONE_FOR_ONE).build());
    }
}
