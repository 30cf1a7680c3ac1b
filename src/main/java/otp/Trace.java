package otp;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Observes the runtime: spawns, exits with their reasons, links, registered names and supervisor
 * (re)starts. Listeners run synchronously on the thread that caused the event, so they must be quick
 * and must not block. With no subscriber the runtime pays one volatile read per event site.
 */
public final class Trace {
    private static final CopyOnWriteArrayList<Consumer<TraceEvent>> LISTENERS = new CopyOnWriteArrayList<>();
    static volatile boolean active;

    private Trace() {
    }

    /** A subscription; close it to stop receiving events. */
    public interface Subscription extends AutoCloseable {
        @Override void close();
    }

    public static Subscription subscribe(Consumer<TraceEvent> listener) {
        Objects.requireNonNull(listener, "listener must not be null");
        LISTENERS.add(listener);
        active = true;
        return () -> {
            LISTENERS.remove(listener);
            active = !LISTENERS.isEmpty();
        };
    }

    static void emit(TraceEvent event) {
        for (Consumer<TraceEvent> listener : LISTENERS) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                Log.warning("trace listener failed on " + event + ": " + Log.describe(e));
            }
        }
    }
}
