package otp.live;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A live view's state: its assigns and whether it is connected. Immutable, like the socket in
 * Phoenix: {@code assign} and {@code update} return a new socket.
 *
 * <pre>{@code
 * assign(socket, count: 0)                         socket.assign("count", 0)
 * assign(socket, a: 1, b: 2)                       socket.assign(Map.of("a", 1, "b", 2))
 * update(socket, :count, &(&1 + 1))                socket.<Integer>update("count", n -> n + 1)
 * socket.assigns.count                             socket.get("count")
 * connected?(socket)                               socket.connected()
 * }</pre>
 */
public final class Socket {
    private final Map<String, Object> assigns;
    private final boolean connected;

    private Socket(Map<String, Object> assigns, boolean connected) {
        this.assigns = assigns;
        this.connected = connected;
    }

    static Socket initial(boolean connected) {
        return new Socket(Map.of(), connected);
    }

    /** Whether the view runs as a live process (true) or is rendering once, statically (false). */
    public boolean connected() {
        return connected;
    }

    public Map<String, Object> assigns() {
        return assigns;
    }

    /** The assign {@code key}; a missing key is an error naming the assigns that exist. */
    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        if (!assigns.containsKey(key)) {
            throw new IllegalArgumentException("no assign '" + key + "'; assigns are " + assigns.keySet());
        }
        return (T) assigns.get(key);
    }

    public Socket assign(String key, Object value) {
        Objects.requireNonNull(key, "key must not be null");
        Map<String, Object> next = new LinkedHashMap<>(assigns);
        next.put(key, value);
        return new Socket(Collections.unmodifiableMap(next), connected);
    }

    public Socket assign(Map<String, ?> values) {
        Map<String, Object> next = new LinkedHashMap<>(assigns);
        next.putAll(values);
        return new Socket(Collections.unmodifiableMap(next), connected);
    }

    /** Replaces an existing assign with {@code fn} applied to it. */
    public <T> Socket update(String key, UnaryOperator<T> fn) {
        T current = get(key);
        return assign(key, fn.apply(current));
    }

    @Override
    public String toString() {
        return "#LiveView.Socket<assigns: " + assigns + ", connected?: " + connected + ">";
    }
}
