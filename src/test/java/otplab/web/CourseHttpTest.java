package otplab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrowserExtension.class)
class CourseHttpTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    static void configureServer(ServerConfig.Builder config) {
        config.health("pool", () -> Map.of("idle", 2, "busy", 1));
        config.module((javalin, context) -> {
            javalin.routes.get("/api/echo/{word}", ctx -> {
                if (ctx.pathParam("word").equals("bad")) {
                    throw HttpProblem.badRequest("`bad` is not a word we echo");
                }
                ctx.json(Map.of("word", ctx.pathParam("word")));
            });
            javalin.routes.get("/api/explode", ctx -> {
                throw new IllegalStateException("secret internal detail");
            });
            javalin.routes.get("/module-page", ctx -> ctx.html(context.pages().layout(
                    new Pages.Layout("Module page", "module", null, null, "<h1>From a module</h1>", false))));
        });
    }

    private static HttpResponse<String> get(TestSite site, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(site.url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theIndexListsEveryLessonAsALink(TestSite site) throws Exception {
        HttpResponse<String> response = get(site, "/");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
        assertTrue(response.body().contains("href=\"/lessons/first-steps\""));
        assertTrue(response.body().contains("href=\"/lessons/routing\""));
    }

    @Test
    void aLessonPageIsServedByItsSlug(TestSite site) throws Exception {
        HttpResponse<String> response = get(site, "/lessons/first-steps");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("<h1 id=\"lesson-title\">First steps</h1>"));
        assertTrue(response.body().contains("data-cell-id=\"greet\""));
    }

    @Test
    void theLessonApiListsLessonsInCourseOrder(TestSite site) throws Exception {
        HttpResponse<String> response = get(site, "/api/lessons");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
        JsonNode lessons = JSON.readTree(response.body());
        assertEquals(List.of("first-steps", "second-lesson", "routing"),
                lessons.valueStream().map(l -> l.get("slug").asText()).toList());
        assertEquals("First steps", lessons.get(0).get("title").asText());
        assertEquals("Phoenix", lessons.get(2).get("part").asText());
    }

    @Test
    void oneLessonsApiGivesItsCellsAndTheirAttributes(TestSite site) throws Exception {
        JsonNode lesson = JSON.readTree(get(site, "/api/lessons/first-steps").body());
        JsonNode greet = lesson.get("cells").get(0);
        assertEquals("greet", greet.get("id").asText());
        assertEquals("hello", greet.get("expect").asText());
        assertFalse(lesson.get("cells").get(1).get("run").asBoolean());
    }

    @Test
    void anUnknownLessonIsAnHtml404Page(TestSite site) throws Exception {
        HttpResponse<String> response = get(site, "/lessons/no-such-lesson");
        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
        assertTrue(response.body().contains("There is no lesson called <code>no-such-lesson</code>"));
        assertTrue(response.body().contains("Back to the course"));
    }

    @Test
    void unknownApiPathsAndSlugsAreJson404s(TestSite site) throws Exception {
        for (String path : List.of("/api/lessons/no-such-lesson", "/api/nothing-here")) {
            HttpResponse<String> response = get(site, path);
            assertEquals(404, response.statusCode(), path);
            assertTrue(JSON.readTree(response.body()).get("error").asText().length() > 5, path);
        }
    }

    @Test
    void anUnknownPageIsAnHtml404(TestSite site) throws Exception {
        HttpResponse<String> response = get(site, "/no/such/page");
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("Page not found"));
    }

    @Test
    void slugsAreEscapedInErrorPages(TestSite site) throws Exception {
        HttpResponse<String> response = get(site, "/lessons/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        assertEquals(404, response.statusCode());
        assertFalse(response.body().contains("<script>alert"));
    }

    @Test
    void healthSaysOkWithCourseAndContributedFigures(TestSite site) throws Exception {
        HttpResponse<String> response = get(site, "/healthz");
        assertEquals(200, response.statusCode());
        JsonNode health = JSON.readTree(response.body());
        assertEquals("ok", health.get("status").asText());
        assertEquals(3, health.get("course").get("lessons").asInt());
        assertEquals(2, health.get("pool").get("idle").asInt());
    }

    @Test
    void aModulesRefusalIsAJson400WithItsMessage(TestSite site) throws Exception {
        HttpResponse<String> response = get(site, "/api/echo/bad");
        assertEquals(400, response.statusCode());
        assertEquals("`bad` is not a word we echo", JSON.readTree(response.body()).get("error").asText());
        assertEquals("hi", JSON.readTree(get(site, "/api/echo/hi").body()).get("word").asText());
    }

    @Test
    void aFailingHandlerAnswersWithoutStackTraceOrDetails(TestSite site) throws Exception {
        HttpResponse<String> response = get(site, "/api/explode");
        assertEquals(500, response.statusCode());
        assertFalse(response.body().contains("secret internal detail"));
        assertFalse(response.body().contains("at otplab"));
        assertTrue(JSON.readTree(response.body()).has("error"));
    }

    @Test
    void modulesRenderPagesInTheSameLayout(TestSite site) throws Exception {
        HttpResponse<String> response = get(site, "/module-page");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("<h1>From a module</h1>"));
        assertTrue(response.body().contains("id=\"theme-toggle\""));
    }

    @Test
    void builtAssetsAreServedWithAVersionedUrl(TestSite site) throws Exception {
        String page = get(site, "/lessons/first-steps").body();
        int at = page.indexOf("/assets/lesson.js?v=");
        assertTrue(at > 0);
        String url = page.substring(at, page.indexOf('"', at));
        HttpResponse<String> script = get(site, url);
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("cache-control").orElseThrow().contains("immutable"));
    }
}
