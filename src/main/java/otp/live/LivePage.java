package otp.live;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import otp.Pid;
import otp.Process;
import otp.PubSub;
import otp.web.Json;

/**
 * The live view shown inside a lesson page, and the PubSub topics shared between the browser
 * tabs that have the lesson open. The page's harness (the worker that runs the lesson's cells)
 * installs a {@link Host} once; learner code only calls {@link LiveView#showInPage} and
 * {@link #shareTopic(String)}.
 *
 * <p>Each browser tab runs its own worker, so two tabs are like two nodes of an Elixir cluster:
 * Phoenix.PubSub relays a broadcast to the subscribers on every node, and {@code shareTopic}
 * does the same between the tabs of one browser. Messages cross as JSON (strings, numbers,
 * booleans, lists, maps; a record arrives as a map); a message JSON cannot carry (a {@code Pid},
 * a lambda) stays in its own tab.
 */
public final class LivePage {
    /** The largest encoded message relayed to other tabs; bigger ones stay in their own tab. */
    public static final int MAX_SHARED_MESSAGE_CHARS = 64 * 1024;

    /** Where the page's rendered HTML and shared broadcasts go: the worker harness, or nowhere. */
    public interface Host {
        void render(long view, String html);

        void publish(String topic, String json);
    }

    private static final Host NOWHERE = new Host() {
        @Override
        public void render(long view, String html) {
        }

        @Override
        public void publish(String topic, String json) {
        }
    };

    private static volatile Host host = NOWHERE;
    private static final AtomicLong VIEW_IDS = new AtomicLong();
    private static final Map<Long, LiveSession> VIEWS = new ConcurrentHashMap<>();
    private static final Map<String, Pid> RELAYS = new ConcurrentHashMap<>();

    static {
        otp.NodeTables.atClear(LivePage::forgetViews);
    }

    /** A message from another tab, handed to the topic's relay process. */
    private record Delivery(Object msg) {}

    private LivePage() {
    }

    /** Installs the page's host; only the first call counts, so learner code cannot redirect the page. */
    public static synchronized void host(Host pageHost) {
        Objects.requireNonNull(pageHost, "pageHost must not be null");
        if (host != NOWHERE) {
            throw new IllegalStateException("the page's host is already installed");
        }
        host = pageHost;
    }

    /** Mounts {@code view} and shows it in the page, replacing the view shown before. */
    static LiveSession show(LiveView view, Map<String, Object> params) {
        Objects.requireNonNull(view, "view must not be null");
        Objects.requireNonNull(params, "params must not be null");
        long id = VIEW_IDS.incrementAndGet();
        LiveSession session = LiveSession.start(view, params, Map.of(), html -> host.render(id, html));
        for (Long old : VIEWS.keySet()) {
            LiveSession previous = VIEWS.remove(old);
            if (previous != null) {
                previous.close();
            }
        }
        VIEWS.put(id, session);
        return session;
    }

    /** The view the page shows, if a cell has shown one. */
    public static Optional<LiveSession> current() {
        return VIEWS.values().stream().findFirst();
    }

    /**
     * Sends a page event to the shown view and returns the new HTML.
     *
     * @throws IllegalArgumentException when {@code view} is no longer shown (a cell showed another one)
     */
    public static String event(long view, String name, Map<String, Object> params) {
        LiveSession session = VIEWS.get(view);
        if (session == null || !session.isAlive()) {
            throw new IllegalArgumentException("this view is no longer running; run the cell that shows it again");
        }
        return session.event(name, params);
    }

    /**
     * Relays broadcasts on {@code topic} between this tab and the other tabs of the same browser
     * that have the lesson open, like Phoenix.PubSub between the nodes of a cluster. Calling it
     * twice for a topic does nothing more.
     */
    public static void shareTopic(String topic) {
        Objects.requireNonNull(topic, "topic must not be null");
        RELAYS.compute(topic, (t, existing) -> existing != null && Process.isAlive(existing) ? existing : startRelay(t));
    }

    /** A broadcast from another tab: delivered to this tab's subscribers of a shared topic. */
    public static void deliver(String topic, String json) {
        Pid relay = RELAYS.get(topic);
        if (relay == null || !Process.isAlive(relay)) {
            return;
        }
        Object msg;
        try {
            msg = Json.decode(json);
        } catch (Json.ParseException malformed) {
            return;
        }
        Process.send(relay, new Delivery(msg));
    }

    /**
     * The relay is a subscriber like any other: it forwards local broadcasts to the host and
     * re-broadcasts deliveries with {@code broadcastFrom}, which skips the relay itself, so a
     * message never travels back to the tab it came from.
     */
    private static Pid startRelay(String topic) {
        CountDownLatch subscribed = new CountDownLatch(1);
        Pid pid = Process.spawn(() -> {
            PubSub.subscribe(topic);
            subscribed.countDown();
            while (true) {
                Object msg = Process.receive();
                if (msg instanceof Delivery(Object inner)) {
                    PubSub.broadcastFrom(topic, inner);
                } else {
                    forward(topic, msg);
                }
            }
        });
        try {
            subscribed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return pid;
    }

    private static void forward(String topic, Object msg) {
        String json;
        try {
            json = Json.encode(msg);
        } catch (RuntimeException notJson) {
            return;
        }
        if (json.length() <= MAX_SHARED_MESSAGE_CHARS) {
            host.publish(topic, json);
        }
    }

    /** Closes every view and forgets the relays, whose processes a restart has taken down. */
    private static void forgetViews() {
        for (Long id : VIEWS.keySet()) {
            LiveSession session = VIEWS.remove(id);
            if (session != null) {
                session.close();
            }
        }
        RELAYS.clear();
    }
}
