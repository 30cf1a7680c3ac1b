package otplab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A learner's browser pointed at the proxy: it keeps every cookie (its learner identity, its run
 * session owner and HAProxy's instance cookie), loads a lesson page, and runs cells over the
 * page's run socket with one session id for the page's whole life, as {@code web/src/runner.js} does.
 */
final class ProxiedLearner {
    static final String INSTANCE_COOKIE = "otplab_instance";
    private static final Set<String> ANSWERS = Set.of("result", "lost", "error");

    final String name;
    final String session;
    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
    private ServerProcess.Socket socket;

    ProxiedLearner(String name, String baseUrl) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.session = "page-" + name + "-" + Long.toHexString(System.nanoTime());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl).resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl).resolve(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The instance HAProxy's cookie pins this learner to ({@code a}, {@code b}), or null before the first answer. */
    String instance() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(INSTANCE_COOKIE))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Loads the lesson page (which sets the cookies) and opens its run socket. */
    void openLesson(String slug) throws Exception {
        HttpResponse<String> page = get("/lessons/" + slug);
        if (page.statusCode() != 200) {
            throw new AssertionError(name + " could not open lesson " + slug + ": " + page.statusCode() + " " + page.body());
        }
        connect();
    }

    /** Opens a new run socket, as the page does when its socket closed. */
    void connect() throws Exception {
        socket = ServerProcess.socket(http, baseUrl);
    }

    /**
     * Runs a cell in the page's session and waits for its answer ({@code result}, {@code lost} or
     * {@code error}); with {@code resume} the page counts on the declarations of cells it ran before.
     */
    JsonNode run(String cell, String code, boolean resume) throws Exception {
        int seen = socket.messages().size();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "run");
        message.put("session", session);
        message.put("cell", cell);
        message.put("code", code);
        message.put("resume", resume);
        socket.ws().sendText(ServerProcess.JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            var messages = socket.messages();
            for (int i = seen; i < messages.size(); i++) {
                JsonNode answer = messages.get(i);
                if (ANSWERS.contains(answer.path("type").asText()) && cell.equals(answer.path("cell").asText())) {
                    return answer;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + "'s cell " + cell + " got no answer; the socket heard " + socket.messages());
    }

    /** Tells the server a cell ran as the lesson says, as the page does after such a run. */
    void reportCellRan(String lesson, String cell) throws Exception {
        HttpResponse<String> answer = send("POST", "/api/me/lessons/" + lesson + "/cells/" + cell, "{}");
        if (answer.statusCode() != 200) {
            throw new AssertionError(name + "'s cell run was not recorded: " + answer.statusCode() + " " + answer.body());
        }
    }

    @Override
    public String toString() {
        return name + " (instance " + instance() + ")";
    }
}
