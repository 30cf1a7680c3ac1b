package otplab.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import otplab.jvm.WorkersBusyException;
import otplab.runner.Runner;
import otplab.runner.RunnerModule;
import otplab.store.SubmissionStore;
import otplab.web.TestSite;

/**
 * The exercise API on a real server: real gradings in sandboxed workers, a real H2 file, one
 * HTTP client (with its own cookies) per learner.
 */
class ExerciseApiTest {
    static final String INSTRUCTOR_TOKEN = "teach-me-secret-42";
    /** The same secret across restarts, as a deployment sets SECRET_KEY_BASE: the learner's signed cookie stays valid. */
    static final String SECRET_KEY_BASE = "exercise-api-test-secret-key-base-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static TestSite site;

    static TestSite start(Path data, Map<String, String> env) {
        return start(data, env, Runner.create(s -> s.poolSize(0).maxWorkers(2)));
    }

    static TestSite start(Path data, Map<String, String> env, Runner runner) {
        SubmissionStore store = SubmissionStore.inDataDir(data);
        return TestSite.start("exercises", config -> ExerciseModule.addTo(RunnerModule.addTo(config.secretKeyBase(SECRET_KEY_BASE), runner),
                runner.workers(), store, env));
    }

    @BeforeAll
    static void startSite() {
        site = start(dataDir, Map.of(InstructorView.ENV_TOKEN, INSTRUCTOR_TOKEN));
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    static HttpClient learner() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    static HttpResponse<String> get(HttpClient client, TestSite on, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(on.url(path)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(HttpClient client, TestSite on, String path, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(on.url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String filesBody(Map<String, String> files) throws IOException {
        return JSON.writeValueAsString(Map.of("files", files));
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void listsTheExercisesWithTheirTitles() throws Exception {
        HttpResponse<String> response = get(learner(), site, "/api/exercises");
        assertEquals(200, response.statusCode());
        JsonNode list = json(response);
        assertEquals(1, list.size());
        assertEquals("greeting", list.get(0).get("slug").asText());
        assertEquals("Greeting", list.get(0).get("title").asText());
        assertFalse(list.get(0).get("completed").asBoolean());
    }

    @Test
    void neverSendsTheReferenceSolutionOrHiddenTestsToABrowser() throws Exception {
        HttpClient client = learner();
        String api = get(client, site, "/api/exercises/greeting").body();
        String page = get(client, site, "/exercises/greeting").body();
        for (String text : new String[] {api, page}) {
            assertFalse(text.contains("HIDDEN-TEST-BODY"), "hidden test code leaked");
            assertFalse(text.contains("GreeterHiddenTest"), "hidden test name leaked");
            assertFalse(text.contains("\"Hello, \" + name"), "reference solution leaked");
        }
        assertTrue(api.contains("greetsByName"), "visible tests are offered");
        assertTrue(page.contains("Punctuation.java") && page.contains("greet is not written yet"), "the starter is on the page");
    }

    @Test
    void givesEveryNewVisitorAnHttpOnlyLearnerCookie() throws Exception {
        HttpResponse<String> response = get(learner(), site, "/");
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(LearnerToken.COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
    }

    @Test
    void answersAnUnknownExerciseWithA404InJson() throws Exception {
        HttpClient client = learner();
        for (HttpResponse<String> response : List.of(get(client, site, "/api/exercises/no-such"),
                post(client, site, "/api/exercises/no-such/submit", filesBody(Map.of("A.java", ""))))) {
            assertEquals(404, response.statusCode());
            assertEquals("There is no exercise called `no-such`.", json(response).get("error").asText());
        }
        assertEquals(404, get(client, site, "/exercises/no-such").statusCode());
    }

    @Test
    void refusesBadBodiesWithASentenceSayingWhatIsWrong() throws Exception {
        HttpClient client = learner();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("this is not json", "not JSON");
        cases.put("{\"code\": \"x\"}", "needs a `files` object");
        cases.put("{\"files\": {}}", "`files` is empty");
        cases.put(filesBody(Map.of("Hacker.java", "class Hacker {}")), "`Hacker.java` is not a file of this exercise");
        cases.put(filesBody(Map.of("notes.txt", "hello")), "`notes.txt` is not a Java file name");
        cases.put(filesBody(Map.of("GreeterTest.java", "class GreeterTest {}")), "`GreeterTest.java` is not a file of this exercise");
        cases.put("{\"files\": {\"Greeter.java\": 42}}", "must be a string");
        cases.put(filesBody(Map.of("Greeter.java", "x".repeat(70 * 1024))), "`Greeter.java` is too large");
        cases.put(filesBody(Map.of("Greeter.java", "x".repeat(300 * 1024))), "too large");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = post(client, site, "/api/exercises/greeting/submit", c.getKey());
            assertEquals(400, response.statusCode(), response.body());
            assertTrue(json(response).get("error").asText().contains(c.getValue()), response.body());
        }
        assertTrue(json(get(client, site, "/api/me/submissions")).isEmpty(), "a refused body is not a submission");
    }

    @Test
    void runsOnlyTheVisibleTestsForRunTests() throws Exception {
        HttpResponse<String> response = post(learner(), site, "/api/exercises/greeting/test",
                filesBody(Map.of("Greeter.java", GreetingSolutions.GREETER_PASSING)));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode results = json(response);
        assertEquals("fail", results.get("status").asText(), "the starter's Punctuation still ends with ?");
        assertEquals(2, results.get("tests").size());
        for (JsonNode test : results.get("tests")) {
            assertFalse(test.path("hidden").asBoolean());
            assertTrue(test.get("test_code").asText().contains("Greeter.greet"));
        }
    }

    @Test
    void gradesHiddenTestsOnSubmitButNeverShowsTheirCode() throws Exception {
        HttpClient client = learner();
        HttpResponse<String> response = post(client, site, "/api/exercises/greeting/submit", filesBody(GreetingSolutions.passing()));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode results = json(response);
        assertEquals(3, results.get("version").asInt());
        assertEquals("pass", results.get("status").asText(), response.body());
        assertEquals(3, results.get("tests").size());
        JsonNode hidden = results.get("tests").get(2);
        assertEquals("keeps the name as written", hidden.get("name").asText());
        assertTrue(hidden.get("hidden").asBoolean());
        assertFalse(hidden.has("test_code"));
        assertFalse(response.body().contains("HIDDEN-TEST-BODY"));
        assertTrue(results.get("tests").get(0).get("output").asText().contains("greeting Ada"));
        JsonNode listed = json(get(client, site, "/api/exercises")).get(0);
        assertTrue(listed.get("completed").asBoolean(), "a passing submission completes the exercise");
    }

    @Test
    void showsALearnerTheirOwnSubmissionsAndNeverAnotherLearners() throws Exception {
        HttpClient ada = learner();
        HttpClient grace = learner();
        get(grace, site, "/");
        assertEquals(200, post(ada, site, "/api/exercises/greeting/submit",
                filesBody(Map.of("Greeter.java", GreetingSolutions.GREETER_PASSING))).statusCode());
        JsonNode adas = json(get(ada, site, "/api/me/submissions?exercise=greeting"));
        assertEquals(1, adas.size());
        assertEquals("fail", adas.get(0).get("status").asText());
        assertTrue(adas.get(0).get("files").get("Greeter.java").asText().contains("greeting \" + name"));
        assertTrue(json(get(grace, site, "/api/me/submissions?exercise=greeting")).isEmpty());
        assertTrue(json(get(grace, site, "/api/me/submissions")).isEmpty());
        assertFalse(json(get(grace, site, "/api/exercises")).get(0).get("completed").asBoolean());
        assertEquals(404, get(ada, site, "/api/me/submissions?exercise=no-such").statusCode());
    }

    @Test
    void readiesAGradingWorkerWhileALearnerReadsTheExercise(@TempDir Path ownData) throws Exception {
        TestSite own = start(ownData, Map.of());
        try {
            HttpClient ada = learner();
            assertEquals(0, json(get(ada, own, "/healthz")).path("grading").path("readySpares").asInt(-1),
                    "nothing is started before anyone asks for an exercise");
            assertEquals(200, get(ada, own, "/exercises/greeting").statusCode());
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (json(get(ada, own, "/healthz")).path("grading").path("readySpares").asInt() < 1) {
                assertTrue(System.nanoTime() < deadline, "no grading worker became ready after the exercise page was read");
                Thread.sleep(100);
            }
            HttpResponse<String> response = post(ada, own, "/api/exercises/greeting/submit", filesBody(GreetingSolutions.passing()));
            assertEquals("pass", json(response).get("status").asText(), response.body());
        } finally {
            own.close();
        }
    }

    @Test
    void keepsALearnersHistoryWhenTheServerRestarts(@TempDir Path ownData) throws Exception {
        HttpClient ada = learner();
        TestSite first = start(ownData, Map.of());
        try {
            assertEquals(200, post(ada, first, "/api/exercises/greeting/submit", filesBody(GreetingSolutions.passing())).statusCode());
        } finally {
            first.close();
        }
        TestSite second = start(ownData, Map.of());
        try {
            JsonNode history = json(get(ada, second, "/api/me/submissions?exercise=greeting"));
            assertEquals(1, history.size());
            assertEquals("pass", history.get(0).get("status").asText());
            assertTrue(json(get(ada, second, "/api/exercises")).get(0).get("completed").asBoolean());
        } finally {
            second.close();
        }
    }

    @Test
    void letsOnlyTheInstructorTokenOpenTheInstructorView() throws Exception {
        HttpClient client = learner();
        post(client, site, "/api/exercises/greeting/submit", filesBody(GreetingSolutions.passing()));
        assertEquals(401, get(client, site, "/instructor").statusCode());
        assertEquals(403, get(client, site, "/instructor", "Authorization", "Bearer wrong").statusCode());
        assertEquals(401, get(client, site, "/instructor/submissions.csv").statusCode());
        HttpResponse<String> page = get(client, site, "/instructor", "Authorization", "Bearer " + INSTRUCTOR_TOKEN);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Pass rates per exercise") && page.body().contains("Greeting"), page.body());
        HttpResponse<String> csv = get(client, site, "/instructor/submissions.csv", "Authorization", "Bearer " + INSTRUCTOR_TOKEN);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        String[] lines = csv.body().split("\n");
        assertEquals("id,learner,exercise,status,score,passed,total,submitted_at", lines[0]);
        assertTrue(lines.length >= 2);
        assertTrue(lines[1].matches("\\d+,learner-[0-9a-f]{10},greeting,(pass|fail|error),.*"), lines[1]);
    }

    @Test
    void signsTheInstructorInWithTheTokenTypedIntoTheForm() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> wrong = browser.send(HttpRequest.newBuilder(URI.create(site.url("/instructor")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=guess")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, wrong.statusCode());
        assertTrue(wrong.body().contains("That instructor token is not right."));
        HttpResponse<String> right = browser.send(HttpRequest.newBuilder(URI.create(site.url("/instructor")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + INSTRUCTOR_TOKEN)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, right.statusCode(), right.body());
        assertTrue(right.body().contains("Pass rates per exercise"));
        assertEquals(200, get(browser, site, "/instructor/submissions.csv").statusCode());
    }

    @Test
    void saysHowToTurnTheInstructorViewOnWhenItIsOff(@TempDir Path ownData) throws Exception {
        try (TestSite off = start(ownData, Map.of())) {
            HttpResponse<String> response = get(learner(), off, "/instructor", "Authorization", "Bearer anything");
            assertEquals(403, response.statusCode());
            assertTrue(response.body().contains("INSTRUCTOR_TOKEN"), response.body());
        }
    }

    @Test
    void answersBusyWhileEveryWorkerPermitIsTakenAndGradesOnceOneIsFree(@TempDir Path ownData) throws Exception {
        Runner runner = Runner.create(s -> s.poolSize(0).maxWorkers(1).queueWait(Duration.ofMillis(200)));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (TestSite busy = start(ownData, Map.of(), runner)) {
            Thread holder = Thread.ofVirtual().start(() -> {
                try {
                    runner.workers().permits().with(() -> {
                        holding.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    });
                } catch (WorkersBusyException e) {
                    throw new AssertionError(e);
                }
            });
            holding.await();
            HttpResponse<String> response = post(learner(), busy, "/api/exercises/greeting/submit", filesBody(GreetingSolutions.passing()));
            assertEquals(503, response.statusCode(), response.body());
            assertEquals(ExerciseRoutes.BUSY, json(response).get("error").asText());
            assertEquals(1, json(response).get("position").asInt(), response.body());
            assertTrue(response.headers().firstValue("Retry-After").isPresent(), response.headers().toString());
            release.countDown();
            holder.join();
            assertEquals(200, post(learner(), busy, "/api/exercises/greeting/test",
                    filesBody(GreetingSolutions.passing())).statusCode(), "grades again once the permit is free");
        } finally {
            release.countDown();
        }
    }
}
