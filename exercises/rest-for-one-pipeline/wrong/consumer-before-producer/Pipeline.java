import java.util.List;
import otp.ChildSpec;
import otp.Pid;
import otp.Strategy;
import otp.Supervisor;

/** The supervisor of the three stages: later stages depend on earlier ones, hence rest_for_one. */
public final class Pipeline {
    static final int MAX_RESTARTS = 5;
    static final int WITHIN_SECONDS = 10;

    private Pipeline() {
    }

    public static Pid startLink() {
        return Supervisor.startLink(List.of(
                        ChildSpec.worker("buffer", Buffer::startLink),
                        ChildSpec.worker("consumer", Consumer::startLink),
                        ChildSpec.worker("producer", Producer::startLink)),
                Supervisor.Flags.builder()
                        .strategy(Strategy.REST_FOR_ONE)
                        .intensity(MAX_RESTARTS)
                        .period(WITHIN_SECONDS)
                        .build());
    }
}
