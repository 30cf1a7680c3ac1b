package otp;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Observes the runtime: spawns, exits with their reasons, links, registered names and supervisor
 * (re)starts, and with {@link #subscribeWithMessages} the messages sent to or from a registered
 * process. Listeners run synchronously on the thread that caused the event, so they must be quick
 * and must not block. With no subscriber the runtime pays one volatile read per event site.
 *
 * <p>Messages are opt-in and limited to registered processes because they are the hot path: a
 * call between unnamed processes then costs a few field reads more, not an event (like a trace
 * pattern on the BEAM, which also chooses the processes whose messages it records).
 */
public final class Trace {
    private record Listener(Consumer<TraceEvent> consumer, boolean messages) {}

    private static final CopyOnWriteArrayList<Listener> LISTENERS = new CopyOnWriteArrayList<>();
    static volatile boolean active;
    /** True while some listener wants {@link TraceEvent.Sent} events. */
    static volatile boolean messages;

    private Trace() {
    }

    /** A subscription; close it to stop receiving events. */
    public interface Subscription extends AutoCloseable {
        @Override void close();
    }

    /** Every event except messages. */
    public static Subscription subscribe(Consumer<TraceEvent> listener) {
        return add(new Listener(Objects.requireNonNull(listener, "listener must not be null"), false));
    }

    /** Every event, plus a {@link TraceEvent.Sent} for each message sent to or from a registered process. */
    public static Subscription subscribeWithMessages(Consumer<TraceEvent> listener) {
        return add(new Listener(Objects.requireNonNull(listener, "listener must not be null"), true));
    }

    private static Subscription add(Listener listener) {
        synchronized (LISTENERS) {
            LISTENERS.add(listener);
            refresh();
        }
        return () -> {
            synchronized (LISTENERS) {
                LISTENERS.remove(listener);
                refresh();
            }
        };
    }

    private static void refresh() {
        active = !LISTENERS.isEmpty();
        messages = LISTENERS.stream().anyMatch(Listener::messages);
    }

    static void emit(TraceEvent event) {
        boolean message = event instanceof TraceEvent.Sent;
        for (Listener listener : LISTENERS) {
            if (message && !listener.messages()) {
                continue;
            }
            try {
                listener.consumer().accept(event);
            } catch (RuntimeException e) {
                Log.warning("trace listener failed on " + event + ": " + Log.describe(e));
            }
        }
    }

    /** A message from (null: a plain thread) to, traced only when one end is registered; callers check {@link #messages} first. */
    static void sent(Proc from, Proc to, Object message, TraceEvent.Delivery delivery) {
        if (to.name != null || from != null && from.name != null) {
            emit(new TraceEvent.Sent(from == null ? null : from.pid, to.pid, message, delivery));
        }
    }

    /** Drops every subscriber, for {@link NodeTables#clear()}: a new observer subscribes afresh. */
    static void clear() {
        synchronized (LISTENERS) {
            LISTENERS.clear();
            refresh();
        }
    }
}
