package otplab.worker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import otp.Pid;
import otp.Process;
import otp.ProcessInfo;
import otp.Reason;
import otp.Sys;
import otp.Trace;
import otp.TraceEvent;

/**
 * The worker's side of the lesson page's process observer: it follows {@link Trace} events to know
 * every live process of the session, and at most every {@link #TICK_MS} ms hands a snapshot (the
 * tree with names, status and queue lengths, the exits and restarts since the last one, the last
 * messages between named processes) to its sink, only when something changed. Trace listeners run
 * on the learner's threads, so they only update maps; everything costly happens on the tick.
 */
public final class ProcessObserver implements AutoCloseable {
    /** At most four snapshots a second: enough to watch a restart, cheap for a page with 1,000 processes. */
    static final long TICK_MS = 250;
    /** Children listed under one parent; the rest is a count ("and 960 more"). */
    static final int MAX_CHILDREN_SHOWN = 40;
    /** Rows in one snapshot, so a session with 10,000 processes stays a readable, light tree. */
    static final int MAX_SHOWN = 400;
    /** Messages kept for the sequence view (Kino.Process.render_seq_trace shows the last ones too). */
    static final int MAX_MESSAGES = 40;
    static final int MAX_TEXT = 120;
    static final int MAX_STATE_TEXT = 4000;
    /** Exits and restarts kept between two ticks; a storm of crashes keeps the latest. */
    static final int MAX_EVENTS = 100;
    /** Queue lengths are counted up to here ("10000+" on the page): counting walks the queue. */
    static final int QUEUE_COUNT_LIMIT = 10_000;
    /** How often {@link #killAll} looks again for processes that are still dying, or newly restarted. */
    static final long KILL_POLL_MS = 5;

    private record Node(Pid pid, Pid parent, long order) {}

    private record Message(long order, String from, String to, String text, TraceEvent.Delivery delivery) {}

    private final Map<Pid, Node> live = new ConcurrentHashMap<>();
    private final Map<Pid, String> names = new ConcurrentHashMap<>();
    /** Names outlive their registration until the exit, which unregisters first and is reported after. */
    private final Map<Pid, String> lastNames = new ConcurrentHashMap<>();
    /** Per supervisor, the last process started under each child id. */
    private final Map<Pid, Map<Object, Pid>> startedChildren = new ConcurrentHashMap<>();
    private final ArrayDeque<String> events = new ArrayDeque<>();
    private final ArrayDeque<Message> messages = new ArrayDeque<>();
    private final AtomicLong order = new AtomicLong();
    private final Consumer<String> sink;
    private final Trace.Subscription subscription;
    private volatile Pid hidden;
    private volatile boolean closed;
    /** What an empty session looks like, so a worker with no processes sends nothing. */
    private String lastSent = "[]|0";
    private final Thread ticker;

    private ProcessObserver(Consumer<String> sink) {
        this.sink = sink;
        this.subscription = Trace.subscribeWithMessages(this::observe);
        this.ticker = Thread.ofPlatform().daemon().name("otplab-observer-tick").unstarted(this::tickForever);
    }

    /** Starts observing now: processes spawned before this call are not seen. Public for the framework benchmark. */
    public static ProcessObserver start(Consumer<String> sink) {
        ProcessObserver observer = new ProcessObserver(Objects.requireNonNull(sink, "sink must not be null"));
        observer.ticker.start();
        return observer;
    }

    /** A process of ours (the one that sends the page's exit signals) that the learner should not see. */
    void hide(Pid pid) {
        hidden = pid;
    }

    /**
     * Kills every process seen alive (oldest first, so supervisors go before they can restart
     * their children) until none is left or {@code graceMs} has passed; true when none is left.
     * Run by a process, since an exit signal needs a sender.
     */
    boolean killAll(long graceMs) {
        long deadline = System.nanoTime() + graceMs * 1_000_000;
        while (true) {
            List<Node> alive = live.values().stream().filter(node -> node.pid() != hidden)
                    .sorted(Comparator.comparingLong(Node::order)).toList();
            if (alive.isEmpty()) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            for (Node node : alive) {
                if (Process.isAlive(node.pid())) {
                    Process.exit(node.pid(), Reason.KILL);
                }
            }
            Process.sleep(KILL_POLL_MS);
        }
    }

    Optional<Pid> find(String pid) {
        for (Pid known : live.keySet()) {
            if (known.toString().equals(pid)) {
                return Optional.of(known);
            }
        }
        return Optional.empty();
    }

    private void observe(TraceEvent event) {
        switch (event) {
            case TraceEvent.Spawned spawned -> live.put(spawned.pid(), new Node(spawned.pid(), spawned.parent(), order.incrementAndGet()));
            case TraceEvent.Exited exited -> {
                live.remove(exited.pid());
                startedChildren.remove(exited.pid());
                names.remove(exited.pid());
                String name = lastNames.remove(exited.pid());
                if (exited.pid() != hidden) {
                    remember(new JsonText().open('{').field("kind", "exit").field("pid", exited.pid().toString())
                            .field("name", name).field("reason", cut(exited.reason().toString()))
                            .field("clean", exited.reason().isClean()).close('}').toString());
                }
            }
            case TraceEvent.ChildStarted started -> childStarted(started);
            case TraceEvent.ChildRestarted restarted -> {
                if (isDynamic(restarted.supervisor())) {
                    restarted(restarted.supervisor(), restarted.childId(), restarted.oldPid(), restarted.newPid());
                }
            }
            case TraceEvent.Registered registered -> {
                names.put(registered.pid(), registered.name());
                lastNames.put(registered.pid(), registered.name());
            }
            case TraceEvent.Unregistered unregistered -> names.remove(unregistered.pid(), unregistered.name());
            case TraceEvent.Sent sent -> message(sent);
            case TraceEvent.Linked linked -> { }
            case TraceEvent.Unlinked unlinked -> { }
        }
    }

    /**
     * A supervisor restarts a group (one_for_all, rest_for_one) by starting every member again, and
     * only the crashed one is reported as restarted; a child started again under the same id while
     * its previous process is dead is a restart too, so the page shows every member restarted.
     * A dynamic supervisor's ids repeat across unrelated children, so only its real restarts count.
     */
    private void childStarted(TraceEvent.ChildStarted started) {
        Map<Object, Pid> ids = startedChildren.computeIfAbsent(started.supervisor(), s -> new ConcurrentHashMap<>());
        Pid previous = ids.put(started.childId(), started.pid());
        if (previous != null && previous != started.pid() && !Process.isAlive(previous) && !isDynamic(started.supervisor())) {
            restarted(started.supervisor(), started.childId(), previous, started.pid());
        }
    }

    private static boolean isDynamic(Pid supervisor) {
        return Sys.behaviour(supervisor).map("DynamicSupervisor"::equals).orElse(false);
    }

    private void restarted(Pid supervisor, Object childId, Pid old, Pid now) {
        remember(new JsonText().open('{').field("kind", "restart").field("supervisor", supervisor.toString())
                .field("id", cut(String.valueOf(childId))).field("old", old.toString()).field("pid", now.toString())
                .close('}').toString());
    }

    /** Runs on the sender's thread; the framework traces only messages to or from a registered process. */
    private void message(TraceEvent.Sent sent) {
        Pid from = sent.from();
        if (from == hidden || sent.to() == hidden) {
            return;
        }
        Message message = new Message(order.incrementAndGet(), label(from), label(sent.to()), describe(sent.message()), sent.delivery());
        synchronized (messages) {
            if (messages.size() == MAX_MESSAGES) {
                messages.removeFirst();
            }
            messages.addLast(message);
        }
    }

    private static String describe(Object message) {
        return describe(message, MAX_TEXT);
    }

    private static String describe(Object value, int max) {
        try {
            return cut(String.valueOf(value), max);
        } catch (RuntimeException failed) {
            return value.getClass().getSimpleName() + " (its toString failed)";
        }
    }

    private static String cut(String text) {
        return cut(text, MAX_TEXT);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private void remember(String event) {
        synchronized (events) {
            if (events.size() == MAX_EVENTS) {
                events.removeFirst();
            }
            events.addLast(event);
        }
    }

    private void tickForever() {
        while (!closed) {
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException stopped) {
                return;
            }
            String snapshot = snapshot();
            if (snapshot != null) {
                sink.accept(snapshot);
            }
        }
    }

    /** The snapshot to send, or null when nothing changed since the last one. */
    String snapshot() {
        List<String> happened;
        synchronized (events) {
            happened = new ArrayList<>(events);
            events.clear();
        }
        List<Message> recent;
        synchronized (messages) {
            recent = new ArrayList<>(messages);
        }
        String treeText = tree().toString();
        int total = live.size() - (hidden != null && live.containsKey(hidden) ? 1 : 0);
        String body = total + treeText + "|" + recent.size() + (recent.isEmpty() ? "" : recent.getLast().order());
        if (happened.isEmpty() && body.equals(lastSent)) {
            return null;
        }
        lastSent = body;
        StringBuilder out = new StringBuilder(treeText.length() + 512);
        out.append("{\"total\":").append(total).append(",\"processes\":").append(treeText).append(",\"events\":[").append(String.join(",", happened))
                .append("],\"messages\":");
        JsonText list = new JsonText().open('[');
        for (Message m : recent) {
            list.open('{').field("from", m.from()).field("to", m.to()).field("kind", m.delivery().name().toLowerCase(Locale.ROOT))
                    .field("text", m.text()).close('}');
        }
        out.append(list.close(']')).append('}');
        return out.toString();
    }

    /** Who a message is from or to, as the sequence view names it: resolved when sent, while the name still stands. */
    private String label(Pid pid) {
        if (pid == null) {
            return "shell";
        }
        String name = names.get(pid);
        if (name != null) {
            return name;
        }
        Node node = live.get(pid);
        return node != null && node.parent() == null ? "shell" : pid.toString();
    }

    /** The live processes in spawn order, each parent before its children, within the caps. */
    private JsonText tree() {
        List<Node> nodes = new ArrayList<>(live.values());
        nodes.sort(Comparator.comparingLong(Node::order));
        Map<Pid, List<Node>> childrenOf = new HashMap<>();
        List<Node> roots = new ArrayList<>();
        for (Node node : nodes) {
            if (node.pid() == hidden) {
                continue;
            }
            if (node.parent() != null && live.containsKey(node.parent())) {
                childrenOf.computeIfAbsent(node.parent(), p -> new ArrayList<>()).add(node);
            } else {
                roots.add(node);
            }
        }
        JsonText json = new JsonText().open('[');
        int[] shown = {0};
        for (Node root : roots) {
            Optional<ProcessInfo> info = Sys.processInfo(root.pid(), QUEUE_COUNT_LIMIT);
            boolean plainRoot = root.parent() == null && info.isPresent() && info.get().name() == null
                    && !childrenOf.containsKey(root.pid()) && info.get().links().isEmpty();
            if (!plainRoot) {
                write(json, root, 0, childrenOf, shown);
            }
        }
        return json.close(']');
    }

    private void write(JsonText json, Node node, int depth, Map<Pid, List<Node>> childrenOf, int[] shown) {
        Optional<ProcessInfo> found = Sys.processInfo(node.pid(), QUEUE_COUNT_LIMIT);
        if (found.isEmpty() || shown[0] >= MAX_SHOWN) {
            return;
        }
        shown[0]++;
        ProcessInfo info = found.get();
        List<Node> children = childrenOf.getOrDefault(node.pid(), List.of());
        json.open('{').field("pid", node.pid().toString()).field("depth", depth)
                .field("name", info.name()).field("shell", node.parent() == null)
                .field("behaviour", Sys.behaviour(node.pid()).orElse(null))
                .field("supervisor", Sys.behaviour(node.pid()).map(b -> b.contains("Supervisor")).orElse(false))
                .field("status", info.status() == ProcessInfo.Status.WAITING ? "waiting" : "running")
                .field("queue", info.messageQueueLength()).field("trapExit", info.trapExit());
        json.key("links").open('[');
        for (Pid linked : info.links()) {
            json.value(linked.toString());
        }
        json.close(']');
        int listed = Math.min(children.size(), MAX_CHILDREN_SHOWN);
        json.field("more", children.size() - listed).close('}');
        for (Node child : children.subList(0, listed)) {
            write(json, child, depth + 1, childrenOf, shown);
        }
    }

    /** The state of a GenServer as text, or why there is none. */
    static String stateOf(Pid pid, long timeoutMs) {
        return describe(Sys.getState(pid, timeoutMs), MAX_STATE_TEXT);
    }

    /** The reason words of the page's exit buttons, and any other text as a custom reason. */
    static Reason reason(String word) {
        return switch (word) {
            case "kill" -> Reason.KILL;
            case "shutdown" -> Reason.SHUTDOWN;
            case "normal" -> Reason.NORMAL;
            default -> Reason.of(word);
        };
    }

    @Override public void close() {
        closed = true;
        subscription.close();
        ticker.interrupt();
    }
}
