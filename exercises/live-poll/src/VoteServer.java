import java.util.Map;
import java.util.Optional;
import otp.From;
import otp.GenServer;
import otp.Pid;
import otp.data.Repo;

/** The one process that counts votes. See the instructions, task 1. */
public final class VoteServer implements GenServer<Repo, Object> {
    public static final String NAME = "poll-votes";

    public static Pid startLink(Repo repo) {
        throw new IllegalStateException("VoteServer.startLink is not written yet");
    }

    public static Optional<Integer> vote(String choice) {
        throw new IllegalStateException("VoteServer.vote is not written yet");
    }

    public static Map<String, Integer> tallies() {
        throw new IllegalStateException("VoteServer.tallies is not written yet");
    }

    @Override
    public Init<Object> init(Repo repo) {
        throw new IllegalStateException("VoteServer.init is not written yet");
    }

    @Override
    public CallResult<Object> handleCall(Object request, From from, Object state) {
        throw new IllegalStateException("VoteServer.handleCall is not written yet");
    }
}
