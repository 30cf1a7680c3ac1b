package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A session id is usable only with the owner cookie of the browser that first used it. */
class RunSessionOwnershipTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunnerServer server;

    @BeforeAll
    static void start() {
        server = new RunnerServer(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    private static HttpResponse<String> post(HttpClient client, String path, Map<String, Object> body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.app.port() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aStrangerWithTheSessionIdIsRefusedEverywhereAndTheOwnerKeepsTheSession() throws Exception {
        HttpClient owner = browser();
        HttpClient stranger = browser();
        HttpResponse<String> first = post(owner, "/api/run", Map.of("session", "owned-a", "code", "int secret = 42;"));
        assertEquals(200, first.statusCode(), first.body());

        for (String path : new String[] {"/api/run", "/api/complete"}) {
            HttpResponse<String> refused = post(stranger, path, Map.of("session", "owned-a", "code", "secret", "cursor", 3));
            assertEquals(403, refused.statusCode(), path + ": " + refused.body());
            assertEquals(SessionOwners.REFUSAL, JSON.readTree(refused.body()).path("error").asText());
            assertTrue(!refused.body().contains("42"), refused.body());
        }
        assertEquals(403, post(stranger, "/api/sessions/owned-a/reset", Map.of()).statusCode());
        assertEquals(403, post(stranger, "/api/sessions/owned-a/stop", Map.of()).statusCode());

        JsonNode still = JSON.readTree(post(owner, "/api/run", Map.of("session", "owned-a", "code", "secret")).body());
        assertEquals("ok", still.path("status").asText(), still.toString());
        assertEquals("secret ==> 42", still.path("values").get(0).asText());
        server.runner.reset("owned-a");
    }

    @Test
    void aStrangerOnTheRunSocketGetsARefusalNotTheSession() throws Exception {
        HttpClient owner = browser();
        assertEquals(200, post(owner, "/api/run", Map.of("session", "owned-b", "code", "int kept = 7;")).statusCode());
        HttpClient stranger = browser();
        get(stranger, "/healthz");
        JsonNode refused = server.firstAnswer(stranger, Map.of("type", "run", "session", "owned-b", "cell", "c1", "code", "kept"));
        assertEquals("error", refused.path("type").asText(), refused.toString());
        assertEquals(SessionOwners.REFUSAL, refused.path("error").asText());
        // Control: the owner's own socket runs in the session.
        JsonNode mine = server.firstAnswer(owner, Map.of("type", "reset", "session", "owned-b"));
        assertEquals("reset", mine.path("type").asText(), mine.toString());
    }

    @Test
    void aSocketWithoutAnOwnerCookieIsAskedToReloadThePage() throws Exception {
        JsonNode refused = server.firstAnswer(HttpClient.newHttpClient(), Map.of("type", "run", "session", "no-cookie", "cell", "c1", "code", "1"));
        assertEquals("error", refused.path("type").asText(), refused.toString());
        assertTrue(refused.path("error").asText().contains("reload the page"), refused.toString());
    }

    @Test
    void everyResponseWithoutTheCookieSetsAnHttpOnlyLaxOne() throws Exception {
        HttpResponse<String> page = get(HttpClient.newHttpClient(), "/healthz");
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith(OwnerCookie.NAME + "="), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
    }
}
