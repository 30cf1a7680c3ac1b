package otplab.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import otplab.web.CourseServer;
import otplab.web.TestSite;

/**
 * {@code GET /metrics} on a real server (real sandboxed workers, a real H2 file): the text parses
 * as Prometheus' exposition format, and the counters move after a real run and a real grading.
 */
class MetricsTest {
    /** One sample line: name, optional labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (-?[0-9.eE+-]+|\\+Inf|NaN)");

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

    /** Every sample of the scrape by {@code name{labels}}; fails on any line that is not HELP, TYPE or a sample. */
    static Map<String, Double> scrape(HttpClient client) throws Exception {
        HttpResponse<String> response = ExerciseApiTest.get(client, site, "/metrics");
        assertEquals(200, response.statusCode());
        assertEquals(CourseServer.METRICS_CONTENT_TYPE, response.headers().firstValue("Content-Type").orElse(""));
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertTrue(sample.matches(), "not a sample line: " + line);
            String value = sample.group(3);
            samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
                    value.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(value));
        }
        return samples;
    }

    @Test
    void declaresEveryFigureWithItsTypeBeforeAnyRunOrGrading() throws Exception {
        String body = ExerciseApiTest.get(ExerciseApiTest.learner(), site, "/metrics").body();
        for (String declared : new String[] {"# TYPE otplab_runs_total counter", "# TYPE otplab_run_duration_seconds histogram",
                "# TYPE otplab_run_queue_length gauge", "# TYPE otplab_sessions gauge", "# TYPE otplab_workers gauge",
                "# TYPE otplab_gradings_total counter", "# TYPE otplab_grading_duration_seconds histogram",
                "# TYPE otplab_store_errors_total counter", "# TYPE otplab_grading_spares gauge"}) {
            assertTrue(body.contains(declared + "\n"), declared + " missing from:\n" + body);
        }
        Map<String, Double> samples = scrape(ExerciseApiTest.learner());
        assertEquals(0.0, samples.get("otplab_store_errors_total"));
        assertTrue(samples.containsKey("otplab_workers{state=\"live\"}"), samples.toString());
    }

    @Test
    void theRunAndGradingCountersMoveAfterARunAndAGrading() throws Exception {
        HttpClient client = ExerciseApiTest.learner();
        Map<String, Double> before = scrape(client);

        HttpResponse<String> run = ExerciseApiTest.post(client, site, "/api/run",
                "{\"code\": \"System.out.println(6 * 7);\", \"session\": \"metrics-test\"}");
        assertEquals(200, run.statusCode(), run.body());
        HttpResponse<String> graded = ExerciseApiTest.post(client, site, "/api/exercises/greeting/submit",
                ExerciseApiTest.filesBody(GreetingSolutions.passing()));
        assertEquals(200, graded.statusCode(), graded.body());

        Map<String, Double> after = scrape(client);
        assertEquals(1.0, moved(before, after, "otplab_runs_total{status=\"ok\"}"));
        assertEquals(1.0, moved(before, after, "otplab_run_duration_seconds_count"));
        assertEquals(1.0, moved(before, after, "otplab_run_duration_seconds_bucket{le=\"+Inf\"}"));
        assertTrue(after.get("otplab_run_duration_seconds_sum") > before.getOrDefault("otplab_run_duration_seconds_sum", 0.0));
        assertEquals(1.0, moved(before, after, "otplab_gradings_total{status=\"pass\"}"));
        assertEquals(1.0, moved(before, after, "otplab_grading_duration_seconds_count"));
        assertTrue(after.get("otplab_sessions") >= 1.0, "the run's session is counted");
        assertEquals(0.0, after.get("otplab_store_errors_total"));
    }

    private static double moved(Map<String, Double> before, Map<String, Double> after, String sample) {
        assertTrue(after.containsKey(sample), sample + " missing after: " + after);
        return after.get(sample) - before.getOrDefault(sample, 0.0);
    }
}
