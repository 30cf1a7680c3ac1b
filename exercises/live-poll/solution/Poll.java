import java.util.List;
import otp.data.Migration;
import otp.data.Migrator;
import otp.data.Repo;
import otp.data.Schema;
import otp.data.Type;

/** What the whole poll shares, given complete: the choices, the votes table and the broadcast. */
public final class Poll {
    /** The choices a vote may name, in the order every page and answer lists them. */
    public static final List<String> CHOICES = List.of("elixir", "erlang", "gleam");

    /** The PubSub topic on which every counted vote is announced. */
    public static final String TOPIC = "poll";

    /** One row per vote: the choice it names and when it was cast. */
    public static final Schema VOTE = Schema.define("votes", s -> s.field("choice", Type.STRING).timestamps());

    /** Broadcast on {@link #TOPIC} after a vote is stored: the choice and its count now. */
    public record VoteCast(String choice, int count) {}

    static final List<Migration> MIGRATIONS = List.of(
            Migration.of(20250501090000L, "create votes", m -> m
                    .createTable("votes", t -> t.add("choice", Type.STRING, Migration.NOT_NULL).timestamps())));

    private Poll() {
    }

    /** Creates the votes table when it is missing. */
    public static void migrate(Repo repo) {
        Migrator.migrate(repo, MIGRATIONS);
    }
}
