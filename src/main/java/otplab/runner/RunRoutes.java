package otplab.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.jvm.OutputListener;
import otplab.jvm.QueuePlace;
import otplab.jvm.RunGate;
import otplab.jvm.SandboxUnavailableException;
import otplab.jvm.WorkerSettings;
import otplab.jvm.WorkersBusyException;
import otplab.protocol.CellDiagnostic;

/**
 * The runner's HTTP and WebSocket routes, registered on a Javalin config:
 *
 * <ul>
 * <li>{@code POST /api/run} {@code {"code", "session"?, "timeoutMs"?}} → the run's result document
 *     ({@code timeoutMs} replaces the default wall time, bounded by {@link WorkerSettings#maxWallTime()});</li>
 * <li>{@code POST /api/complete} {@code {"code", "cursor", "session"}} → {@code {"anchor", "items"}};</li>
 * <li>{@code POST /api/sessions/{id}/stop} and {@code /reset};</li>
 * <li>{@code WS /ws/run}: send {@code {"type":"run","session","code","timeoutMs"?,"resume"?}}, receive {@code queued},
 *     {@code started}, {@code out} pieces (gathered per {@link OutputBatcher#INTERVAL_MS}), then {@code result};
 *     with {@code "resume":true} a session whose worker is gone answers {@code {"type":"lost","reason"}} instead; also
 *     {@code {"type":"stop"}} and {@code {"type":"reset"}}.</li>
 * </ul>
 *
 * <p>A session belongs to the browser that first named it ({@link SessionOwners}, by the {@link
 * OwnerCookie} every response sets when missing); any other gets 403 (or an {@code error} message
 * on the socket) and nothing of the session.
 */
public final class RunRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(RunRoutes.class);
    /** Room for JSON quoting and escapes around a source of the largest allowed size. */
    private static final int BODY_OVERHEAD = 16 * 1024;
    /** When to try again after a refusal that never queued (a worker could not start, the server is stopping). */
    private static final long RETRY_AFTER_SECONDS = 5;
    /**
     * Jetty closes a WebSocket after 30 s without a message, and a page's socket is quiet both while
     * its learner reads and while a run waits in line for a worker (a class on one machine waits
     * that long at its busiest): the run was then lost with its socket. Longer than the longest
     * wait for a worker plus the longest run a cell may ask for.
     */
    static final Duration SOCKET_IDLE_TIMEOUT = Duration.ofMinutes(10);

    private final Runner runner;
    private final SessionOwners owners;
    private final RunMetrics metrics;
    private final ObjectMapper json = new ObjectMapper();
    /** Every open run socket by its id, to tell the pages when the server stops. */
    private final Map<String, WsContext> sockets = new ConcurrentHashMap<>();

    private RunRoutes(Runner runner, RunMetrics metrics) {
        this.runner = Objects.requireNonNull(runner, "runner must not be null");
        // Twice the idle expiry: by then the session's worker is gone, and its page has long been closed or idle.
        this.owners = new SessionOwners(runner.settings().sessionIdle().multipliedBy(2));
        this.metrics = metrics;
    }

    /** Registers the run, completion and session routes. */
    public static void register(JavalinConfig config, Runner runner) {
        register(config, runner, RunMetrics.NONE);
    }

    /** Registers the routes, counting runs into {@code metrics}; returns what tells open pages the server is stopping. */
    static Consumer<String> register(JavalinConfig config, Runner runner, RunMetrics metrics) {
        RunRoutes routes = new RunRoutes(runner, metrics);
        PageRoutes pages = new PageRoutes(runner, routes.json);
        // Every page gets its owner cookie before its script opens the run socket.
        config.routes.before(OwnerCookie::of);
        config.routes.post("/api/run", routes::run);
        config.routes.post("/api/complete", routes::complete);
        config.routes.post("/api/sessions/{id}/stop", ctx -> routes.sessionAction(ctx, false));
        config.routes.post("/api/sessions/{id}/reset", ctx -> routes.sessionAction(ctx, true));
        config.routes.ws("/ws/run", ws -> {
            ws.onConnect(connected -> {
                connected.session.setMaxTextMessageSize(routes.maxMessageBytes());
                connected.session.setIdleTimeout(SOCKET_IDLE_TIMEOUT);
                routes.sockets.put(connected.sessionId(), connected);
            });
            ws.onMessage(message -> routes.onSocketMessage(message, message.message(), pages));
            ws.onClose(closed -> {
                routes.sockets.remove(closed.sessionId());
                pages.detach(closed);
            });
            ws.onError(error -> LOG.debug("run socket error", error.error()));
        });
        return routes::announceShutdown;
    }

    private void announceShutdown(String message) {
        sockets.values().forEach(ws -> send(ws, Map.of("type", "shutdown", "message", message)));
    }

    /** Registers {@code GET /healthz} with the pool figures, for servers that have no health route of their own. */
    public static void registerHealth(JavalinConfig config, Runner runner) {
        config.routes.get("/healthz", ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "ok");
            body.put("runner", runner.health());
            ctx.json(body);
        });
    }

    private void run(Context ctx) {
        JsonNode body = readBody(ctx);
        if (body == null) {
            return;
        }
        String code = body.get("code").asText();
        String session = body.hasNonNull("session") ? body.get("session").asText() : null;
        long started = System.nanoTime();
        try (RunGate.Pass pass = runner.workers().gate().enter()) {
            String learner = OwnerCookie.of(ctx);
            if (session != null) {
                owners.claim(validSession(session), learner);
            }
            Duration wallTime = wallTime(body);
            RunResult result = session == null
                    ? runner.runOnce(learner, code, wallTime, OutputListener.NONE)
                    : runner.runInSession(learner, session, code, wallTime, OutputListener.NONE);
            metrics.finished(result, started);
            ctx.json(toJson(result));
        } catch (SessionOwners.SessionRefusedException e) {
            error(ctx, 403, e.getMessage());
        } catch (LearnerLimitException e) {
            metrics.refused(e);
            busy(ctx, 429, e);
        } catch (WorkersBusyException e) {
            metrics.refused(e);
            busy(ctx, 503, e);
        } catch (SandboxUnavailableException e) {
            error(ctx, 503, e.getMessage());
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
        }
    }

    private void complete(Context ctx) {
        JsonNode body = readBody(ctx);
        if (body == null) {
            return;
        }
        String code = body.get("code").asText();
        int cursor = body.path("cursor").asInt(code.length());
        String session = body.path("session").asText("");
        if (session.isEmpty()) {
            error(ctx, 400, "completion needs the page's \"session\"");
            return;
        }
        try {
            String learner = OwnerCookie.of(ctx);
            owners.claim(validSession(session), learner);
            NotebookWorker.Completions completions = runner.complete(learner, session, code, cursor);
            ObjectNode answer = json.createObjectNode();
            answer.put("anchor", completions.anchor());
            completions.items().forEach(answer.putArray("items")::add);
            ctx.json(answer);
        } catch (SessionOwners.SessionRefusedException e) {
            error(ctx, 403, e.getMessage());
        } catch (LearnerLimitException e) {
            busy(ctx, 429, e);
        } catch (WorkersBusyException e) {
            busy(ctx, 503, e);
        } catch (SandboxUnavailableException e) {
            error(ctx, 503, e.getMessage());
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
        }
    }

    private void sessionAction(Context ctx, boolean reset) {
        try {
            owners.claim(validSession(ctx.pathParam("id")), OwnerCookie.of(ctx));
            if (reset) {
                runner.reset(ctx.pathParam("id"));
            } else {
                runner.stop(ctx.pathParam("id"));
            }
            ctx.json(Map.of("status", reset ? "reset" : "stopping"));
        } catch (SessionOwners.SessionRefusedException e) {
            error(ctx, 403, e.getMessage());
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
        }
    }

    /** The parsed body, or null after answering 400 for anything that is not a usable request. */
    private JsonNode readBody(Context ctx) {
        byte[] raw = ctx.bodyAsBytes();
        if (raw.length > runner.settings().sourceBytes() * 2L + BODY_OVERHEAD) {
            error(ctx, 400, "the request is larger than the " + runner.settings().sourceBytes() / 1024 + " KiB limit for code");
            return null;
        }
        JsonNode body;
        try {
            body = json.readTree(raw);
        } catch (java.io.IOException e) {
            error(ctx, 400, "the request body must be JSON (UTF-8) like {\"code\": \"...\"}");
            return null;
        }
        if (body == null || !body.isObject() || !body.path("code").isTextual()) {
            error(ctx, 400, "the request must be a JSON object with a \"code\" string");
            return null;
        }
        if (body.get("code").asText().getBytes(StandardCharsets.UTF_8).length > runner.settings().sourceBytes()) {
            error(ctx, 400, "the code is longer than the " + runner.settings().sourceBytes() / 1024 + " KiB limit");
            return null;
        }
        return body;
    }

    /** The run's wall time: the optional {@code timeoutMs} (a cell's {@code timeout-ms}) within the runner's maximum. */
    private Duration wallTime(JsonNode request) {
        JsonNode asked = request.get("timeoutMs");
        if (asked == null || asked.isNull()) {
            return runner.settings().wallTime();
        }
        if (!asked.canConvertToLong() || !asked.isIntegralNumber() || asked.asLong() < 1) {
            throw new IllegalArgumentException("\"timeoutMs\" must be a whole number of milliseconds, at least 1");
        }
        return runner.settings().boundedWallTime(asked.asLong());
    }

    /** The id, when it is one a session may have; the runner checks the same before it keeps one. */
    private static String validSession(String id) {
        if (!Runner.isSessionId(id)) {
            throw new IllegalArgumentException("a session id is 1 to 64 letters, digits, '-' or '_'");
        }
        return id;
    }

    private void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }

    /** A refusal for want of a worker: the sentence, and where the run stood and when to come back, never a bare status. */
    private void busy(Context ctx, int status, WorkersBusyException why) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", why.getMessage());
        why.place().ifPresent(place -> {
            answer.put("position", place.position());
            answer.put("waiting", place.waiting());
            answer.put("estimateSeconds", place.estimateSeconds());
            answer.put("line", place.ownLine() ? "own" : "workers");
        });
        long retry = why.place().map(QueuePlace::estimateSeconds).orElse(RETRY_AFTER_SECONDS);
        ctx.header("Retry-After", Long.toString(retry));
        ctx.status(status).json(answer);
    }

    private ObjectNode toJson(RunResult result) {
        ObjectNode node = json.createObjectNode();
        node.put("status", result.status().wireName());
        node.put("stdout", result.stdout());
        node.put("stderr", result.stderr());
        var diagnostics = node.putArray("diagnostics");
        for (CellDiagnostic d : result.diagnostics()) {
            ObjectNode item = diagnostics.addObject();
            item.put("line", d.line());
            item.put("column", d.column());
            item.put("endLine", d.endLine());
            item.put("endColumn", d.endColumn());
            item.put("severity", d.severity());
            item.put("message", d.message());
        }
        result.values().forEach(node.putArray("values")::add);
        node.put("error", result.error());
        node.put("durationMs", result.durationMs());
        node.put("truncated", result.truncated());
        return node;
    }

    private void onSocketMessage(WsContext ws, String text, PageRoutes pages) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            send(ws, Map.of("type", "error", "error", "messages must be JSON"));
            return;
        }
        String type = message.path("type").asText("");
        String session = message.path("session").asText("");
        try {
            String owner = OwnerCookie.of(ws);
            owners.claim(validSession(session), owner);
            pages.attach(session, ws);
            switch (type) {
                case "run" -> {
                    String code = message.path("code").asText("");
                    String cell = message.path("cell").asText("");
                    Duration wallTime = wallTime(message);
                    boolean resume = message.path("resume").asBoolean(false);
                    Thread.ofVirtual().name("otplab-ws-run").start(() -> streamRun(ws, owner, session, cell, code, wallTime, resume));
                }
                case "stop" -> runner.stop(session);
                case "reset" -> Thread.ofVirtual().start(() -> {
                    runner.reset(session);
                    send(ws, Map.of("type", "reset", "session", session));
                });
                default -> {
                    if (!pages.handle(ws, type, session, owner, message)) {
                        send(ws, Map.of("type", "error", "error", "unknown message type '" + type + "'"));
                    }
                }
            }
        } catch (SessionOwners.SessionRefusedException | IllegalArgumentException e) {
            send(ws, Map.of("type", "error", "error", e.getMessage()));
        }
    }

    /**
     * Runs a cell for the page and streams it. With {@code resume} the page says it counts on
     * its earlier cells' declarations: when the session's worker is gone the cell is not run, and
     * the page hears why ({@code lost}) so it can offer to run the cells above again.
     */
    private void streamRun(WsContext ws, String owner, String session, String cell, String code, Duration wallTime, boolean resume) {
        if (resume) {
            var lost = runner.whyLost(session);
            if (lost.isPresent()) {
                send(ws, Map.of("type", "lost", "cell", cell, "reason", lost.get()));
                return;
            }
        }
        OutputBatcher batcher = new OutputBatcher((stream, text) ->
                send(ws, Map.of("type", "out", "cell", cell, "stream", stream, "text", text)));
        OutputListener listener = new OutputListener() {
            @Override
            public void output(String stream, String text) {
                batcher.output(stream, text);
            }

            @Override
            public void queued(QueuePlace place) {
                send(ws, Map.of("type", "queued", "cell", cell, "waiting", place.waiting(), "position", place.position(),
                        "estimateSeconds", place.estimateSeconds(), "line", place.ownLine() ? "own" : "workers",
                        "message", (place.ownLine() ? "waiting for your other runs to finish: " : "waiting for a free worker: ")
                                + place.inWords()));
            }

            @Override
            public void started() {
                send(ws, Map.of("type", "started", "cell", cell));
            }
        };
        long started = System.nanoTime();
        try (RunGate.Pass pass = runner.workers().gate().enter()) {
            RunResult result;
            try {
                result = runner.runInSession(owner, session, code, wallTime, listener);
            } finally {
                batcher.flush();
            }
            metrics.finished(result, started);
            ObjectNode node = toJson(result);
            node.put("type", "result");
            node.put("cell", cell);
            send(ws, node);
        } catch (WorkersBusyException e) {
            metrics.refused(e);
            Map<String, Object> refusal = new LinkedHashMap<>(Map.of("type", "error", "cell", cell, "error", e.getMessage()));
            e.place().ifPresent(place -> refusal.put("retryAfterSeconds", place.estimateSeconds()));
            send(ws, refusal);
        } catch (SandboxUnavailableException | IllegalArgumentException e) {
            send(ws, Map.of("type", "error", "cell", cell, "error", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("a streamed run failed", e);
            send(ws, Map.of("type", "error", "cell", cell, "error", "the run failed inside the server; please try again"));
        }
    }

    /**
     * Room for a cell over the source limit (JSON-escaped, at worst six bytes a character), so
     * the page hears the runner's own sentence with the cell's size instead of a closed socket.
     */
    private long maxMessageBytes() {
        return runner.settings().sourceBytes() * 6L + BODY_OVERHEAD;
    }

    private void send(WsContext ws, Object message) {
        RunSocket.send(json, ws, message);
    }
}
