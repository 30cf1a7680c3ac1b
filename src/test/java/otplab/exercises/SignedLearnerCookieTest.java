package otplab.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import otplab.web.TestSite;

/** The learner cookie is signed with SECRET_KEY_BASE: a cookie the server did not sign is a new learner, not an error. */
class SignedLearnerCookieTest {
    private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";

    @TempDir
    static Path dataDir;
    static TestSite site;

    @BeforeAll
    static void startSite() {
        site = ExerciseApiTest.start(dataDir, Map.of());
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    private static HttpResponse<String> getWithCookie(String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(site.url("/api/exercises")));
        if (cookie != null) {
            request.header("Cookie", LearnerToken.COOKIE + "=" + cookie);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static Optional<String> issued(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(LearnerToken.COOKIE + "="))
                .map(c -> c.substring(LearnerToken.COOKIE.length() + 1, c.indexOf(';'))).findFirst();
    }

    @Test
    void aSignedTokenVerifiesAndATamperedOneDoesNot() {
        LearnerToken tokens = new LearnerToken(SECRET);
        String token = "abcdefghijklmnopqrstuvwxyz012345";
        String cookie = tokens.sign(token);
        assertEquals(Optional.of(token), tokens.verify(cookie));
        String tampered = "Abcdefghijklmnopqrstuvwxyz012345" + cookie.substring(token.length());
        assertEquals(Optional.empty(), tokens.verify(tampered));
        assertEquals(Optional.empty(), tokens.verify(token), "an unsigned token is not accepted");
        assertEquals(Optional.empty(), new LearnerToken(SECRET + "-other").verify(cookie), "another secret's cookie is not accepted");
    }

    @Test
    void theServerKeepsTheLearnerItSignedAndTreatsATamperedCookieAsANewLearner() throws Exception {
        HttpResponse<String> first = getWithCookie(null);
        assertEquals(200, first.statusCode());
        String cookie = issued(first).orElseThrow();
        assertTrue(cookie.contains("."), "the cookie carries its signature: " + cookie);

        HttpResponse<String> again = getWithCookie(cookie);
        assertEquals(Optional.empty(), issued(again), "a signed cookie is kept");

        String forged = (cookie.charAt(0) == 'A' ? 'B' : 'A') + cookie.substring(1);
        HttpResponse<String> tampered = getWithCookie(forged);
        assertEquals(200, tampered.statusCode(), "a tampered cookie is not an error page");
        String replacement = issued(tampered).orElseThrow(() -> new AssertionError("a tampered cookie gets a new learner"));
        assertNotEquals(forged, replacement);
    }
}
