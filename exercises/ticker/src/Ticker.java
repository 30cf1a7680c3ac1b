import otp.GenServer;
import otp.Pid;

/** Counts ticks on a timer and tells a listener. See the instructions. */
public final class Ticker implements GenServer<Ticker.Config, Object> {
    /** What the ticker starts with. */
    public record Config(long intervalMs, Pid listener) {}

    public static Pid startLink(long intervalMs, Pid listener) {
        throw new UnsupportedOperationException("startLink is not implemented yet");
    }

    public static int count(Pid ticker) {
        throw new UnsupportedOperationException("count is not implemented yet");
    }

    public static int pause(Pid ticker) {
        throw new UnsupportedOperationException("pause is not implemented yet");
    }

    public static void resume(Pid ticker) {
        throw new UnsupportedOperationException("resume is not implemented yet");
    }

    @Override
    public Init<Object> init(Config config) {
        throw new UnsupportedOperationException("init is not implemented yet");
    }
}
