import java.util.List;
import otp.ChildSpec;
import otp.Pid;
import otp.Strategy;
import otp.Supervisor;

/** The supervisor of the three stages: later stages depend on earlier ones, hence rest_for_one. */
public final class Pipeline {

    private Pipeline() {
    }

    public static Pid startLink() {
        return Supervisor.startLink(List.of(
                        ChildSpec.worker("buffer", Buffer::startLink),
                        ChildSpec.worker("producer", Producer::startLink),
                        ChildSpec.worker("consumer", Consumer::startLink)),
                Supervisor.Flags.of(Strategy.REST_FOR_ONE));
    }
}
