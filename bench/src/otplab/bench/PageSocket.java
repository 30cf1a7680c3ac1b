package otplab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A lesson page's run socket ({@code /ws/run}) as {@code web/src/runner.js} speaks it: one page
 * session id, one run at a time, {@code resume} once the session holds the page's declarations.
 * The socket is opened by the learner's own HTTP client, so it carries that learner's cookies.
 */
final class PageSocket implements AutoCloseable {
    static final String PATH = "/ws/run";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a run ended, as the page sees it. */
    sealed interface Answer {
        /**
         * A {@code result}: the run happened and ended with {@code status}; {@code queued} if it waited for a
         * worker; {@code startedNanos} when {@code started} came (a worker was the run's), 0 if it never did.
         */
        record Result(String status, String error, boolean queued, long startedNanos) implements Answer {}

        /** A {@code lost}: the session's worker was gone, so the cell did not run. */
        record Lost(String reason) implements Answer {}

        /** An {@code error} message: the server refused or failed the run, in its words. */
        record Refused(String error) implements Answer {}

        /** No answer came: the socket closed or failed, the server stopped, or nothing arrived in time. */
        record Broken(String why) implements Answer {}
    }

    private final String session;
    private final ClassTally tally;
    private final WebSocket socket;
    private final Object lock = new Object();
    private CompletableFuture<Answer> pending;
    private String pendingCell;
    private boolean pendingQueued;
    private long pendingStarted;
    private volatile boolean closed;

    private PageSocket(String session, ClassTally tally, HttpClient http, URI server, Duration connectLimit) throws IOException {
        this.session = Objects.requireNonNull(session, "session must not be null");
        this.tally = Objects.requireNonNull(tally, "tally must not be null");
        URI uri = URI.create(server.toString().replaceFirst("^http", "ws")).resolve(PATH);
        try {
            this.socket = http.newWebSocketBuilder().connectTimeout(connectLimit).buildAsync(uri, new Listener())
                    .get(connectLimit.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException failed) {
            throw new IOException("cannot open " + PATH + ": " + describe(failed), failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening " + PATH, interrupted);
        }
    }

    static PageSocket open(String session, ClassTally tally, HttpClient http, URI server, Duration connectLimit) throws IOException {
        return new PageSocket(session, tally, http, server, connectLimit);
    }

    String session() {
        return session;
    }

    /**
     * Whether the socket still works. The server closes a socket that has been quiet for a while
     * (Jetty's idle timeout), e.g. while its learner reads; the page then opens a new one for its
     * next run, keeping its session id, and so does the learner.
     */
    boolean isOpen() {
        return !closed && !socket.isOutputClosed() && !socket.isInputClosed();
    }

    /** Sends one run and waits up to {@code limit} for how it ends. */
    Answer run(String cell, String code, long timeoutMs, boolean resume, Duration limit) throws InterruptedException {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        synchronized (lock) {
            pending = answer;
            pendingCell = cell;
            pendingQueued = false;
            pendingStarted = 0;
        }
        ObjectNode message = JSON.createObjectNode();
        message.put("type", "run").put("session", session).put("cell", cell).put("code", code);
        if (timeoutMs > 0) {
            message.put("timeoutMs", timeoutMs);
        }
        if (resume) {
            message.put("resume", true);
        }
        try {
            socket.sendText(message.toString(), true).get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            return new Answer.Broken("the socket failed: " + describe(failed));
        } catch (TimeoutException slow) {
            return new Answer.Broken("no answer within " + limit.toSeconds() + " s");
        } finally {
            synchronized (lock) {
                pending = null;
            }
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "page left").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(ignored -> null).join();
        }
        socket.abort();
    }

    private void receive(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException notJson) {
            finish(new Answer.Broken("the server sent something that is not JSON"));
            return;
        }
        String type = message.path("type").asText("");
        String cell = message.path("cell").asText(null);
        synchronized (lock) {
            if (pending == null || (cell != null && !cell.equals(pendingCell))) {
                return;
            }
            switch (type) {
                case "queued" -> {
                    pendingQueued = true;
                    tally.queued();
                }
                case "started" -> pendingStarted = System.nanoTime();
                case "result" -> pending.complete(new Answer.Result(message.path("status").asText(""),
                        message.path("error").asText(""), pendingQueued, pendingStarted));
                case "lost" -> pending.complete(new Answer.Lost(message.path("reason").asText("")));
                case "error" -> pending.complete(new Answer.Refused(message.path("error").asText("")));
                case "shutdown" -> pending.complete(new Answer.Broken("the server is shutting down"));
                default -> {
                    // output pieces, observer snapshots: the page shows them, the timing does not need them
                }
            }
        }
    }

    private void finish(Answer answer) {
        synchronized (lock) {
            if (pending != null) {
                pending.complete(answer);
            }
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                receive(text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed = true;
            finish(new Answer.Broken("the server closed the socket (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed = true;
            finish(new Answer.Broken("the socket failed: " + describe(error)));
        }
    }
}
