package otplab.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.jvm.WorkerConnection;
import otplab.protocol.Frame;

/**
 * The lesson page's process observer on the run socket ({@code /ws/run}); the server only relays
 * between the page and the session's worker, whose {@code ProcessObserver} follows the processes.
 *
 * <ul>
 * <li>pushed: {@code {"type":"observer","snapshot":{"processes":[..],"events":[..],"messages":[..]}}}, at
 *     most a few a second and only when something changed;</li>
 * <li>{@code {"type":"observe"}}: the latest snapshot again (a page that opens its observer late);</li>
 * <li>{@code {"type":"observer-state","id","pid"}} → {@code {"type":"observer-reply","id","state"}};</li>
 * <li>{@code {"type":"observer-exit","id","pid","reason"}} → {@code {"type":"observer-reply","id","done"}};
 *     either answers {@code {"type":"observer-reply","id","error"}} instead, in words.</li>
 * </ul>
 */
final class ObserverRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ObserverRoutes.class);
    private static final Pattern PID = Pattern.compile("#PID<0\\.[0-9]{1,18}\\.0>");
    /** Longest custom exit reason; a reason is a word or a short phrase. */
    static final int MAX_REASON_CHARS = 200;

    private final Runner runner;
    private final ObjectMapper json;
    private final Map<String, ObjectNode> lastSnapshot = new ConcurrentHashMap<>();

    ObserverRoutes(Runner runner, ObjectMapper json) {
        this.runner = Objects.requireNonNull(runner, "runner must not be null");
        this.json = Objects.requireNonNull(json, "json must not be null");
    }

    void handle(WsContext ws, String type, String session, JsonNode message) {
        switch (type) {
            case "observe" -> {
                ObjectNode shown = lastSnapshot.get(session);
                if (shown != null) {
                    RunSocket.send(json, ws, shown);
                }
            }
            case "observer-state", "observer-exit" -> Thread.ofVirtual().name("otplab-observer").start(() -> act(ws, type, session, message));
            default -> throw new IllegalArgumentException("not an observer message: " + type);
        }
    }

    /** A snapshot the worker pushed: kept for late pages and sent to every page of the session. */
    void snapshot(String session, String snapshot, Set<WsContext> sockets) {
        ObjectNode node = json.createObjectNode();
        node.put("type", "observer");
        try {
            node.set("snapshot", json.readTree(snapshot));
        } catch (JsonProcessingException malformed) {
            LOG.debug("dropping a malformed observer snapshot from a worker", malformed);
            return;
        }
        ObjectNode kept = node.deepCopy();
        ((ObjectNode) kept.get("snapshot")).putArray("events");
        lastSnapshot.put(session, kept);
        sockets.forEach(ws -> RunSocket.send(json, ws, node));
    }

    void forget(String session) {
        lastSnapshot.remove(session);
    }

    private void act(WsContext ws, String type, String session, JsonNode message) {
        String id = message.path("id").asText("");
        String pid = message.path("pid").asText("");
        String reason = message.path("reason").asText("").strip();
        String problem = !PID.matcher(pid).matches() ? "choose a process in the observer first"
                : type.equals("observer-exit") && reason.isEmpty() ? "give a reason for the exit signal, e.g. kill or shutdown"
                : reason.length() > MAX_REASON_CHARS ? "the reason is longer than " + MAX_REASON_CHARS + " characters"
                : null;
        if (problem != null) {
            reply(ws, id, "error", problem);
            return;
        }
        Optional<WorkerConnection> worker = worker(session);
        if (worker.isEmpty()) {
            reply(ws, id, "error", PageRoutes.NO_WORKER);
            return;
        }
        List<String> fields = type.equals("observer-state") ? List.of("action", "state", "pid", pid)
                : List.of("action", "exit", "pid", pid, "reason", reason);
        Optional<Frame> answer = worker.get().ask(Frame.Type.OBSERVE, fields, runner.settings().wallTime());
        if (answer.isEmpty()) {
            reply(ws, id, "error", "the worker did not answer, so it was replaced: run the cells again");
            return;
        }
        Frame frame = answer.get();
        for (String key : List.of("error", "state", "done")) {
            Optional<String> value = frame.field(key);
            if (value.isPresent()) {
                reply(ws, id, key, value.get());
                return;
            }
        }
        reply(ws, id, "error", "the worker gave no answer");
    }

    private Optional<WorkerConnection> worker(String session) {
        try {
            return runner.sessionWorker(session);
        } catch (IllegalArgumentException badSession) {
            return Optional.empty();
        }
    }

    private void reply(WsContext ws, String id, String key, String value) {
        RunSocket.send(json, ws, Map.of("type", "observer-reply", "id", id, key, value));
    }
}
