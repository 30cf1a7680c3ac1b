package otp.live;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import otp.GenServer;
import otp.Pid;
import otp.Process;
import otp.Reason;

/**
 * One mounted live view running as a GenServer process. Events go in as calls and come back as
 * the new HTML; messages (PubSub broadcasts, {@code Process.send}) go in as info. Whenever the
 * assigns change the view renders again and the {@code onRender} listener gets the new HTML —
 * the hook a page's WebSocket uses to push updates.
 *
 * <p>The two methods a browser adapter needs are {@link #start(LiveView, Map, Map, Consumer)} and
 * {@link #event(String, Map)} (event name and params in, new HTML out).
 */
public final class LiveSession implements AutoCloseable {
    /** How long an event or render may take before the caller gives up, as a GenServer call does. */
    public static final long CALL_TIMEOUT_MS = GenServer.DEFAULT_CALL_TIMEOUT_MS;

    private final Pid pid;

    private LiveSession(Pid pid) {
        this.pid = pid;
    }

    /** Mounts the view in a new process (connected) and renders it once. */
    public static LiveSession start(LiveView view, Map<String, Object> params, Map<String, Object> session,
                                    Consumer<String> onRender) {
        Objects.requireNonNull(view, "view must not be null");
        Objects.requireNonNull(onRender, "onRender must not be null");
        Pid pid = GenServer.start(new LiveServer(view, onRender), new LiveServer.Mount(Map.copyOf(params),
                Map.copyOf(session)));
        return new LiveSession(pid);
    }

    public static LiveSession start(LiveView view, Map<String, Object> params, Map<String, Object> session) {
        return start(view, params, session, html -> { });
    }

    public Pid pid() {
        return pid;
    }

    /** The HTML as rendered now. */
    public String html() {
        return GenServer.call(pid, LiveServer.RENDER, CALL_TIMEOUT_MS);
    }

    /** The assigns now, for tests that look at state rather than markup. */
    public Map<String, Object> assigns() {
        return GenServer.call(pid, LiveServer.ASSIGNS, CALL_TIMEOUT_MS);
    }

    /** Sends an event ({@code phx-click}, {@code phx-submit}) and returns the HTML after it. */
    public String event(String name, Map<String, Object> params) {
        return eventWithReply(name, params).html();
    }

    /** The HTML after an event and the payload of a {@code reply(...)}, empty for {@code noreply}. */
    public record EventOutcome(String html, Map<String, Object> reply) {}

    public EventOutcome eventWithReply(String name, Map<String, Object> params) {
        Objects.requireNonNull(name, "name must not be null");
        return GenServer.call(pid, new LiveServer.Event(name, Map.copyOf(params)), CALL_TIMEOUT_MS);
    }

    /** Sends a message to the view's process; {@code handleInfo} receives it. */
    public void send(Object msg) {
        Process.send(pid, msg);
    }

    public boolean isAlive() {
        return Process.isAlive(pid);
    }

    /** Shown as a cell's value: which process runs the view. */
    @Override
    public String toString() {
        return "LiveSession" + pid;
    }

    /** Stops the view's process. */
    @Override
    public void close() {
        if (Process.isAlive(pid)) {
            try {
                GenServer.stop(pid, Reason.NORMAL, CALL_TIMEOUT_MS);
            } catch (otp.ExitException e) {
                // It exited on its own while we asked it to stop; stopped is what we wanted.
            }
        }
    }
}
