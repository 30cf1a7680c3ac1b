import otp.GenServer;
import otp.Pid;

/** A fixed-window rate limiter. See the instructions. */
public final class RateLimiter implements GenServer<RateLimiter.Config, Object> {
    /** The limit per client and the window length. */
    public record Config(int limit, long windowMs) {}

    public static Pid startLink(int limit, long windowMs) {
        throw new UnsupportedOperationException("startLink is not implemented yet");
    }

    public static boolean allow(Pid limiter, String client) {
        throw new UnsupportedOperationException("allow is not implemented yet");
    }

    public static int remaining(Pid limiter, String client) {
        throw new UnsupportedOperationException("remaining is not implemented yet");
    }

    @Override
    public Init<Object> init(Config config) {
        throw new UnsupportedOperationException("init is not implemented yet");
    }
}
