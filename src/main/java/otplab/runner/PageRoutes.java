package otplab.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lesson page's panels on the run socket ({@code /ws/run}): the request panel, the live view
 * and the PubSub bridge between tabs. Every call goes to the learner's own session worker; the
 * server only relays, in the typed vocabulary of {@link SessionPages} ({@link PageCall},
 * {@link PageReply}, {@link PageEvent}): no frame reaches this class.
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
 * <li>the process observer's messages, see {@link ObserverRoutes}.</li>
 * </ul>
 */
final class PageRoutes {
    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_:-]{1,128}");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    /** Enough for any path a lesson's router has; a longer one is a mistake. */
    private static final int MAX_PATH_CHARS = 2048;
    private static final Logger LOG = LoggerFactory.getLogger(PageRoutes.class);
    private static final int MAX_BODY_CHARS = 64 * 1024;
    private static final int MAX_PARAMS = 64;
    static final String NO_WORKER = "nothing is running for this page yet: run the cell first";

    private final SessionPages pages;
    private final ObjectMapper json;
    private final Map<String, Set<WsContext>> sockets = new ConcurrentHashMap<>();
    private final Map<String, String> roomOf = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> lastRender = new ConcurrentHashMap<>();
    private final ObserverRoutes observer;
    private final int outputLimit;

    PageRoutes(Runner runner, ObjectMapper json) {
        this.pages = new SessionPages(Objects.requireNonNull(runner, "runner must not be null"));
        this.json = Objects.requireNonNull(json, "json must not be null");
        this.observer = new ObserverRoutes(runner, json);
        this.outputLimit = runner.settings().outputBytes();
        pages.onEvent(this::fromWorker);
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
                observer.forget(entry.getKey());
            }
        }
    }

    /** Handles a panel message; false when {@code type} is not one of the panels'. */
    boolean handle(WsContext ws, String type, String session, String owner, JsonNode message) {
        switch (type) {
            case "request" -> Thread.ofVirtual().name("otplab-page-request").start(() -> request(ws, session, message));
            case "live-event" -> Thread.ofVirtual().name("otplab-live-event").start(() -> liveEvent(ws, session, message));
            case "join" -> join(ws, session, owner, message.path("room").asText(""));
            case "observe", "observer-state", "observer-exit" -> observer.handle(ws, type, session, message);
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
        ObjectNode node = json.createObjectNode();
        node.put("type", "response");
        node.put("id", id);
        switch (pages.ask(session, new PageCall.HttpRequest(method, path, body))) {
            case PageReply.Response response when overLimit(response.body()) || overLimit(String.join("", response.headers())) ->
                    node.put("error", "the router's answer is larger than the " + limitKib() + " KiB output limit");
            case PageReply.Response response -> {
                node.put("status", response.status());
                response.headers().forEach(node.putArray("headers")::add);
                node.put("body", response.body());
            }
            case PageReply.Handled handled -> node.put("error", "the worker answered a request as if it were a live event");
            case PageReply.Refused refused -> node.put("error", refused.error());
            case PageReply.NoWorker none -> node.put("error", NO_WORKER);
            case PageReply.NoAnswer silent -> node.put("error", noAnswer(silent));
        }
        send(ws, node);
    }

    private void liveEvent(WsContext ws, String session, JsonNode message) {
        String event = message.path("event").asText("");
        if (event.isEmpty()) {
            send(ws, Map.of("type", "live-error", "error", "the element names no event"));
            return;
        }
        List<Map.Entry<String, String>> params = new ArrayList<>();
        JsonNode given = message.path("params");
        if (given.isObject()) {
            given.properties().stream().limit(MAX_PARAMS).forEach(p -> params.add(
                    Map.entry(p.getKey(), p.getValue().isValueNode() ? p.getValue().asText() : p.getValue().toString())));
        }
        // A handled event answers nothing here: the view pushed its new HTML already (LiveRender)
        // from its own process, in order with the renders its messages cause; a reply could overtake those.
        String error = switch (pages.ask(session, new PageCall.LiveEvent(message.path("view").asText("0"), event, params))) {
            case PageReply.Handled handled -> null;
            case PageReply.Response response -> null;
            case PageReply.Refused refused -> refused.error();
            case PageReply.NoWorker none -> NO_WORKER;
            case PageReply.NoAnswer silent -> noAnswer(silent);
        };
        if (error != null) {
            send(ws, Map.of("type", "live-error", "error", error));
        }
    }

    private static String noAnswer(PageReply.NoAnswer silent) {
        return "the code did not answer within " + silent.waited().toSeconds()
                + " s (or its worker ended), so the worker was replaced: run the cells again";
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

    private void fromWorker(String session, PageEvent event) {
        switch (event) {
            case PageEvent.LiveRender render when overLimit(render.html()) ->
                    sockets.getOrDefault(session, Set.of()).forEach(ws -> send(ws, Map.of("type", "live-error",
                            "error", "the view rendered more than the " + limitKib() + " KiB output limit")));
            case PageEvent.LiveRender render -> {
                ObjectNode node = json.createObjectNode();
                node.put("type", "live");
                node.put("view", render.view());
                node.put("html", render.html());
                lastRender.put(session, node);
                sockets.getOrDefault(session, Set.of()).forEach(ws -> send(ws, node));
            }
            case PageEvent.Published published when overLimit(published.json()) ->
                    LOG.debug("dropping a broadcast larger than the output limit");
            case PageEvent.Published published -> {
                String room = roomOf.get(session);
                if (room == null) {
                    return;
                }
                roomOf.forEach((other, otherRoom) -> {
                    if (!other.equals(session) && otherRoom.equals(room)) {
                        pages.deliver(other, published);
                    }
                });
            }
            case PageEvent.Observed observed ->
                    observer.snapshot(session, observed.json(), sockets.getOrDefault(session, Set.of()));
        }
    }

    /**
     * Page answers, renders and broadcasts are learner output too: past the run's output limit
     * they are refused in words instead of relayed to browsers and other workers.
     */
    private boolean overLimit(String text) {
        return text.length() > outputLimit || text.getBytes(StandardCharsets.UTF_8).length > outputLimit;
    }

    private int limitKib() {
        return outputLimit / 1024;
    }

    private void send(WsContext ws, Object message) {
        RunSocket.send(json, ws, message);
    }
}
