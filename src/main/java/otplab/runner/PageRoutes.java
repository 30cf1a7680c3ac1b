package otplab.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
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
 * The lesson page's panels on the run socket ({@code /ws/run}): the request panel, the live view
 * and the PubSub bridge between tabs. Every call goes to the learner's own session worker; the
 * server only relays.
 *
 * <ul>
 * <li>{@code {"type":"request","session","id","method","path","body"}} → {@code {"type":"response","id",
 *     "status","headers":[..],"body"}} or {@code {"type":"response","id","error"}};</li>
 * <li>{@code {"type":"live-event","session","view","event","params":{..}}}: the view's re-renders arrive as
 *     {@code {"type":"live","view","html"}} (pushed by the view itself, in order), a failure as
 *     {@code {"type":"live-error","error"}};</li>
 * <li>{@code {"type":"join","session","room"}}: the tab joins its browser's room for the lesson;
 *     broadcasts on a topic a cell shared ({@code LivePage.shareTopic}) are relayed to the other
 *     sessions of the room, like Phoenix.PubSub between the nodes of a cluster.</li>
 * </ul>
 */
final class PageRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(PageRoutes.class);
    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_:-]{1,128}");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    /** Enough for any path a lesson's router has; a longer one is a mistake. */
    private static final int MAX_PATH_CHARS = 2048;
    private static final int MAX_BODY_CHARS = 64 * 1024;
    private static final int MAX_PARAMS = 64;
    static final String NO_WORKER = "nothing is running for this page yet: run the cell first";

    private final Runner runner;
    private final ObjectMapper json;
    private final Map<String, Set<WsContext>> sockets = new ConcurrentHashMap<>();
    private final Map<String, String> roomOf = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> lastRender = new ConcurrentHashMap<>();

    PageRoutes(Runner runner, ObjectMapper json) {
        this.runner = Objects.requireNonNull(runner, "runner must not be null");
        this.json = Objects.requireNonNull(json, "json must not be null");
        runner.onPageFrame(this::fromWorker);
    }

    /** Remembers that the socket speaks for the session, so the view's re-renders reach it. */
    void attach(String session, WsContext ws) {
        if (SESSION.matcher(session).matches()) {
            sockets.computeIfAbsent(session, s -> ConcurrentHashMap.newKeySet()).add(ws);
        }
    }

    void detach(WsContext ws) {
        for (Iterator<Map.Entry<String, Set<WsContext>>> it = sockets.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Set<WsContext>> entry = it.next();
            entry.getValue().remove(ws);
            if (entry.getValue().isEmpty()) {
                it.remove();
                roomOf.remove(entry.getKey());
                lastRender.remove(entry.getKey());
            }
        }
    }

    /** Handles a panel message; false when {@code type} is not one of the panels'. */
    boolean handle(WsContext ws, String type, String session, String owner, JsonNode message) {
        switch (type) {
            case "request" -> Thread.ofVirtual().name("otplab-page-request").start(() -> request(ws, session, message));
            case "live-event" -> Thread.ofVirtual().name("otplab-live-event").start(() -> liveEvent(ws, session, message));
            case "join" -> join(ws, session, owner, message.path("room").asText(""));
            default -> {
                return false;
            }
        }
        return true;
    }

    private void request(WsContext ws, String session, JsonNode message) {
        String id = message.path("id").asText("");
        String method = message.path("method").asText("GET").toUpperCase(java.util.Locale.ROOT);
        String path = message.path("path").asText("");
        String body = message.path("body").asText("");
        String problem = !METHODS.contains(method) ? "the method must be one of " + String.join(", ", METHODS.stream().sorted().toList())
                : !path.startsWith("/") ? "the path must start with /, e.g. /api/users"
                : path.length() > MAX_PATH_CHARS ? "the path is longer than " + MAX_PATH_CHARS + " characters"
                : body.length() > MAX_BODY_CHARS ? "the body is longer than " + MAX_BODY_CHARS / 1024 + " KiB"
                : null;
        if (problem != null) {
            send(ws, Map.of("type", "response", "id", id, "error", problem));
            return;
        }
        Optional<Frame> answer = ask(ws, session, Frame.Type.REQUEST,
                List.of("method", method, "target", path, "body", body), "response", id);
        if (answer.isEmpty()) {
            return;
        }
        Frame frame = answer.get();
        ObjectNode node = json.createObjectNode();
        node.put("type", "response");
        node.put("id", id);
        if (frame.field("error").isPresent()) {
            node.put("error", frame.field("error").get());
        } else if (overLimit(frame.field("body").orElse("")) || overLimit(String.join("", frame.all("header")))) {
            node.put("error", "the router's answer is larger than the " + limitKib() + " KiB output limit");
        } else {
            node.put("status", Integer.parseInt(frame.field("status").orElse("500")));
            frame.all("header").forEach(node.putArray("headers")::add);
            node.put("body", frame.field("body").orElse(""));
        }
        send(ws, node);
    }

    private void liveEvent(WsContext ws, String session, JsonNode message) {
        String event = message.path("event").asText("");
        List<String> fields = new ArrayList<>(List.of("view", message.path("view").asText("0"), "event", event));
        JsonNode params = message.path("params");
        if (params.isObject()) {
            params.properties().stream().limit(MAX_PARAMS).forEach(p -> {
                fields.add("param");
                fields.add(p.getKey());
                fields.add("param");
                fields.add(p.getValue().isValueNode() ? p.getValue().asText() : p.getValue().toString());
            });
        }
        if (event.isEmpty()) {
            send(ws, Map.of("type", "live-error", "error", "the element names no event"));
            return;
        }
        Optional<Frame> answer = ask(ws, session, Frame.Type.LIVE_EVENT, fields, "live-error", "");
        if (answer.isEmpty()) {
            return;
        }
        // The new HTML is not sent from the reply: the view pushed it already (LIVE_RENDER) from its
        // own process, in order with the renders its messages cause; a reply could overtake those.
        answer.get().field("error").ifPresent(error -> send(ws, Map.of("type", "live-error", "error", error)));
    }

    /** Rooms are per owner: a stranger who names the same room joins a room of their own, not the learner's. */
    private void join(WsContext ws, String session, String owner, String room) {
        if (!ROOM.matcher(room).matches()) {
            send(ws, Map.of("type", "error", "error", "a room is 1 to 128 letters, digits, ':', '-' or '_'"));
            return;
        }
        roomOf.put(session, owner + "/" + room);
        ObjectNode shown = lastRender.get(session);
        if (shown != null) {
            send(ws, shown);
        }
    }

    private void fromWorker(String session, Frame frame) {
        switch (frame.type()) {
            case LIVE_RENDER -> {
                if (overLimit(frame.field("html").orElse(""))) {
                    sockets.getOrDefault(session, Set.of()).forEach(ws -> send(ws, Map.of("type", "live-error",
                            "error", "the view rendered more than the " + limitKib() + " KiB output limit")));
                    return;
                }
                ObjectNode node = live(frame);
                lastRender.put(session, node);
                Set<WsContext> targets = sockets.getOrDefault(session, Set.of());
                targets.forEach(ws -> send(ws, node));
            }
            case PUBLISH -> {
                String room = roomOf.get(session);
                if (room == null) {
                    return;
                }
                List<String> fields = List.of("topic", frame.field("topic").orElse(""), "json", frame.field("json").orElse("null"));
                if (overLimit(fields.get(3))) {
                    LOG.debug("dropping a broadcast larger than the output limit");
                    return;
                }
                roomOf.forEach((other, otherRoom) -> {
                    if (!other.equals(session) && otherRoom.equals(room)) {
                        worker(other).ifPresent(worker -> worker.tell(Frame.Type.DELIVER, fields));
                    }
                });
            }
            default -> LOG.debug("ignoring a {} page frame", frame.type());
        }
    }

    private ObjectNode live(Frame frame) {
        ObjectNode node = json.createObjectNode();
        node.put("type", "live");
        node.put("view", frame.field("view").orElse("0"));
        node.put("html", frame.field("html").orElse(""));
        return node;
    }

    private Optional<WorkerConnection> worker(String session) {
        try {
            return runner.sessionWorker(session);
        } catch (IllegalArgumentException badSession) {
            return Optional.empty();
        }
    }

    /** Sends the panel's request to the session's worker; on any failure tells the page why, in words. */
    private Optional<Frame> ask(WsContext ws, String session, Frame.Type type, List<String> fields, String replyType, String id) {
        Optional<WorkerConnection> worker = worker(session);
        if (worker.isEmpty()) {
            fail(ws, replyType, id, NO_WORKER);
            return Optional.empty();
        }
        Optional<Frame> answer = worker.get().ask(type, fields, wallTime());
        if (answer.isEmpty()) {
            fail(ws, replyType, id, "the code did not answer within " + wallTime().toSeconds()
                    + " s (or its worker ended), so the worker was replaced: run the cells again");
        }
        return answer;
    }

    private void fail(WsContext ws, String type, String id, String error) {
        send(ws, "response".equals(type) ? Map.of("type", type, "id", id, "error", error) : Map.of("type", type, "error", error));
    }

    /**
     * Page answers, renders and broadcasts are learner output too: past the run's output limit
     * they are refused in words instead of relayed to browsers and other workers.
     */
    private boolean overLimit(String text) {
        return text.length() > runner.settings().outputBytes()
                || text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > runner.settings().outputBytes();
    }

    private int limitKib() {
        return runner.settings().outputBytes() / 1024;
    }

    private Duration wallTime() {
        return runner.settings().wallTime();
    }

    private void send(WsContext ws, Object message) {
        RunSocket.send(json, ws, message);
    }
}
