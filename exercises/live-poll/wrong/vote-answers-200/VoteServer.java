import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import otp.From;
import otp.GenServer;
import otp.Pid;
import otp.PubSub;
import otp.data.Query;
import otp.data.Repo;

/**
 * The one process that counts votes. Every vote is stored before it is counted, so a restarted
 * server rebuilds its counts from the table and loses nothing.
 */
public final class VoteServer implements GenServer<Repo, VoteServer.State> {
    public static final String NAME = "poll-votes";

    /** The repo to write to and the counts so far, one per choice in the order of Poll.CHOICES; never changed in place. */
    record State(Repo repo, Map<String, Integer> counts) {}

    record Vote(String choice) {}

    record Tallies() {}

    public static Pid startLink(Repo repo) {
        return GenServer.startLink(new VoteServer(), repo, NAME);
    }

    /** Counts one vote; the new count of that choice, or empty when the choice is not one of the poll's. */
    public static Optional<Integer> vote(String choice) {
        return GenServer.call(NAME, new Vote(choice));
    }

    /** Every choice with its count, in the order of Poll.CHOICES. */
    public static Map<String, Integer> tallies() {
        return GenServer.call(NAME, new Tallies());
    }

    @Override
    public Init<State> init(Repo repo) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String choice : Poll.CHOICES) {
            counts.put(choice, 0);
        }
        for (Object choice : repo.all(Query.from(Poll.VOTE).selectField("choice"))) {
            counts.computeIfPresent((String) choice, (c, n) -> n + 1);
        }
        return GenServer.ok(new State(repo, counts));
    }

    @Override
    public CallResult<State> handleCall(Object request, From from, State state) {
        return switch (request) {
            case Vote(String choice) when Poll.CHOICES.contains(choice) -> {
                state.repo().insert(Poll.VOTE.struct().put("choice", choice));
                Map<String, Integer> counts = new LinkedHashMap<>(state.counts());
                int count = counts.merge(choice, 1, Integer::sum);
                PubSub.broadcast(Poll.TOPIC, new Poll.VoteCast(choice, count));
                yield GenServer.reply(Optional.of(count), new State(state.repo(), counts));
            }
            case Vote v -> GenServer.reply(Optional.empty(), state);
            case Tallies t -> GenServer.reply(Collections.unmodifiableMap(state.counts()), state);
            default -> throw new IllegalArgumentException("the vote server does not understand " + request);
        };
    }
}
