import java.util.HashMap;
import java.util.Map;
import otp.From;
import otp.GenServer;
import otp.Pid;
import otp.Process;
import otp.Reason;
import otp.Timers;

/** A fixed-window rate limiter: one process owns every count. */
public final class RateLimiter implements GenServer<RateLimiter.Config, Object> {
    /** The limit per client and the window length. */
    public record Config(int limit, long windowMs) {}

    private static final String RESET = "reset";

    private record Allow(String client) {}
    private record Remaining(String client) {}
    private record State(Config config, Map<String, Integer> counts) {}

    public static Pid startLink(int limit, long windowMs) {
        return GenServer.startLink(new RateLimiter(), new Config(limit, windowMs));
    }

    public static boolean allow(Pid limiter, String client) {
        return GenServer.call(limiter, new Allow(client));
    }

    public static int remaining(Pid limiter, String client) {
        return GenServer.call(limiter, new Remaining(client));
    }

    @Override
    public Init<Object> init(Config config) {
        Timers.sendAfter(Process.self(), RESET, config.windowMs());
        return GenServer.ok(new State(config, Map.of()));
    }

    @Override
    public CallResult<Object> handleCall(Object request, From from, Object current) {
        State state = (State) current;
        int limit = state.config().limit();
        return switch (request) {
            case Allow(String client) -> {
                int used = state.counts().getOrDefault(client, 0);
                if (used >= limit) {
                    yield GenServer.reply(false, state);
                }
                Map<String, Integer> counts = new HashMap<>(state.counts());
                counts.put(client, used + 1);
                yield GenServer.reply(true, new State(state.config(), Map.copyOf(counts)));
            }
            case Remaining(String client) ->
                    GenServer.reply(Math.max(0, limit - state.counts().getOrDefault(client, 0)), state);
            default -> GenServer.stop(Reason.of("unknown call " + request), state);
        };
    }

    @Override
    public InfoResult<Object> handleInfo(Object msg, Object current) {
        State state = (State) current;
        if (RESET.equals(msg)) {
            return GenServer.noreply(new State(state.config(), Map.of()));
        }
        return GenServer.noreply(state);
    }
}
