package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import otplab.jvm.WorkerSettings;
import otplab.web.TestSite;

/** The runner inside the real course server: routes, health figures and a shared life. */
class RunnerModuleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode send(TestSite site, String path, Map<String, Object> body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(site.url(path)));
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void theCourseServerRunsCellsReportsThePoolAndKillsItsWorkersWhenItStops() throws Exception {
        Runner runner = Runner.create(settings -> settings.poolSize(1).maxWorkers(2));
        try (TestSite site = TestSite.start("basic", config -> RunnerModule.addTo(config, runner))) {
            JsonNode result = send(site, "/api/run", Map.of("session", "module-page", "code", "System.out.println(6 * 7);"));
            assertEquals("ok", result.path("status").asText(), result.toString());
            assertEquals("42\n", result.path("stdout").asText());

            JsonNode health = send(site, "/healthz", null);
            assertEquals("ok", health.path("status").asText());
            JsonNode pool = health.path(RunnerModule.HEALTH_NAME);
            for (String figure : List.of("ready", "busy", "sessions", "queued")) {
                assertTrue(pool.path(figure).isInt(), figure + " missing from " + health);
            }
            assertEquals(1, pool.path("sessions").asInt());
            assertEquals(1, pool.path("busy").asInt());

            List<ProcessHandle> workers = runner.processes();
            assertFalse(workers.isEmpty(), "the session should hold a worker");
            site.close();
            assertTrue(Leftovers.noneAlive(workers), "workers left after the server stopped: " + Leftovers.describe(workers));
        }
    }

    @Test
    void settingsComeFromTheEnvironmentAndABadValueIsRefusedInWords() {
        WorkerSettings settings = WorkerSettings.builder().environment(Map.of(
                WorkerSettings.ENV_POOL_SIZE, "0", WorkerSettings.ENV_MAX_WORKERS, "12",
                WorkerSettings.ENV_RUN_SECONDS, "9", WorkerSettings.ENV_UNSAFE_NO_SANDBOX, "")).build();
        assertEquals(0, settings.poolSize());
        assertEquals(12, settings.maxWorkers());
        assertEquals(9, settings.wallTime().toSeconds());
        assertFalse(settings.allowUnsandboxed());
        var refused = assertThrows(IllegalArgumentException.class,
                () -> WorkerSettings.builder().environment(Map.of(WorkerSettings.ENV_MAX_WORKERS, "many")));
        assertEquals("configuration for dev is invalid:\n  - OTPLAB_MAX_WORKERS must be a whole number, not 'many'",
                refused.getMessage());
        var tooFew = assertThrows(IllegalArgumentException.class,
                () -> WorkerSettings.builder().environment(Map.of(WorkerSettings.ENV_MAX_WORKERS, "0")));
        assertEquals("OTPLAB_MAX_WORKERS must be a whole number from 1 to 512, was '0'", tooFew.getMessage());
    }
}
