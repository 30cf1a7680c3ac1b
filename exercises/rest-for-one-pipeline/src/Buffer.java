import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import otp.From;
import otp.GenServer;
import otp.Pid;

/** The first stage, given complete: a queue of items, registered as "pipeline_buffer". */
public final class Buffer implements GenServer<Void, List<String>> {
    public static final String NAME = "pipeline_buffer";

    record Put(String item) {}
    record Take() {}

    public static Pid startLink() {
        return GenServer.startLink(new Buffer(), null, NAME);
    }

    /** Makes the buffer crash, to try the supervisor. */
    public static void crash() {
        GenServer.cast(NAME, "crash");
    }

    @Override
    public Init<List<String>> init(Void unused) {
        return GenServer.ok(List.of());
    }

    @Override
    public CastResult<List<String>> handleCast(Object msg, List<String> items) {
        if (msg instanceof Put(String item)) {
            List<String> next = new ArrayList<>(items);
            next.add(item);
            return GenServer.noreply(List.copyOf(next));
        }
        throw new IllegalStateException("the buffer crashed on purpose");
    }

    @Override
    public CallResult<List<String>> handleCall(Object request, From from, List<String> items) {
        if (items.isEmpty()) {
            return GenServer.reply(Optional.empty(), items);
        }
        return GenServer.reply(Optional.of(items.getFirst()), items.subList(1, items.size()));
    }
}
