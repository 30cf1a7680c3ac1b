import java.util.List;
import java.util.Map;
import java.util.Optional;
import otp.From;
import otp.GenServer;
import otp.Pid;

/** A key-value store owned by one process. Fill in the client functions and the callbacks. */
public final class KvStore implements GenServer<Void, Map<String, String>> {

    public static Pid startLink(String name) {
        throw new IllegalStateException("startLink is not written yet");
    }

    public static void put(String name, String key, String value) {
        throw new IllegalStateException("put is not written yet");
    }

    public static Optional<String> get(String name, String key) {
        throw new IllegalStateException("get is not written yet");
    }

    public static void delete(String name, String key) {
        throw new IllegalStateException("delete is not written yet");
    }

    public static List<String> keys(String name) {
        throw new IllegalStateException("keys is not written yet");
    }

    @Override
    public Init<Map<String, String>> init(Void arg) {
        throw new IllegalStateException("init is not written yet");
    }

    @Override
    public CallResult<Map<String, String>> handleCall(Object request, From from, Map<String, String> state) {
        throw new IllegalStateException("handleCall is not written yet");
    }

    @Override
    public CastResult<Map<String, String>> handleCast(Object message, Map<String, String> state) {
        throw new IllegalStateException("handleCast is not written yet");
    }
}
