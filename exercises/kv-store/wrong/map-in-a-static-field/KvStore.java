import static otp.GenServer.noreply;
import static otp.GenServer.ok;
import static otp.GenServer.reply;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import otp.From;
import otp.GenServer;
import otp.Pid;

/** The reference solution: writes are casts, reads are calls. */
public final class KvStore implements GenServer<Void, Map<String, String>> {
    private static final Map<String, Map<String, String>> MAPS = new java.util.concurrent.ConcurrentHashMap<>();

    private record Put(String key, String value) {}

    private record Delete(String key) {}

    private record Get(String key) {}

    private record Keys() {}

    public static Pid startLink(String name) {
        MAPS.put(name, new java.util.concurrent.ConcurrentHashMap<>());
        return GenServer.startLink(new KvStore(), null, name);
    }

    public static void put(String name, String key, String value) {
        MAPS.get(name).put(key, value);
    }

    public static Optional<String> get(String name, String key) {
        return Optional.ofNullable(MAPS.get(name).get(key));
    }

    public static void delete(String name, String key) {
        MAPS.get(name).remove(key);
    }

    public static List<String> keys(String name) {
        return MAPS.get(name).keySet().stream().sorted().toList();
    }

    @Override
    public Init<Map<String, String>> init(Void arg) {
        return ok(new HashMap<>());
    }

    @Override
    public CallResult<Map<String, String>> handleCall(Object request, From from, Map<String, String> state) {
        return switch (request) {
            case Get(String key) -> reply(Optional.ofNullable(state.get(key)), state);
            case Keys() -> reply(state.keySet().stream().sorted().toList(), state);
            default -> reply(Optional.empty(), state);
        };
    }

    @Override
    public CastResult<Map<String, String>> handleCast(Object message, Map<String, String> state) {
        switch (message) {
            case Put(String key, String value) -> state.put(key, value);
            case Delete(String key) -> state.remove(key);
            default -> { }
        }
        return noreply(state);
    }
}
