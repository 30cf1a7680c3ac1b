import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.web.Conn;
import otp.web.ConnTest;
import otp.web.Router;

class BlogCrudHiddenTest {
    PostStore store;
    Router router;

    @BeforeEach
    void startBlog() {
        store = new PostStore();
        router = BlogRouter.build(store);
    }

    @Test
    @Tag("task:1")
    @DisplayName("the browser scope offers no create route: POST /posts is not allowed")
    void browserScopeHasNoCreate() {
        Conn conn = ConnTest.post(router, "/posts", Map.of("title", "x", "body", "y"));
        assertTrue(conn.status() == 404 || conn.status() == 405, "expected 404 or 405, got " + conn.status());
        assertTrue(store.all().isEmpty());
    }

    @Test
    @Tag("task:1")
    @DisplayName("the API refuses a client that only accepts HTML with 406")
    void apiRefusesHtmlOnlyClients() {
        Conn conn = ConnTest.dispatch(router, Conn.request("GET", "/api/posts").putReqHeader("accept", "text/html"));
        assertEquals(406, conn.status());
    }

    @Test
    @Tag("task:2")
    @DisplayName("the HTML index links every post and escapes titles")
    void htmlIndexLinksAndEscapes() {
        Post post = store.insert("<b>bold</b> & more", "x");
        String page = ConnTest.htmlResponse(ConnTest.get(router, "/posts"), 200);
        assertTrue(page.contains("href=\"/posts/" + post.id() + "\""), page);
        assertTrue(page.contains("&lt;b&gt;bold&lt;/b&gt; &amp; more"), page);
        assertFalse(page.contains("<b>bold</b>"), page);
    }

    @Test
    @Tag("task:2")
    @DisplayName("the HTML show page shows title and body, and a missing post is a 404 page")
    void htmlShowAndMissing() {
        Post post = store.insert("Title here", "Body here");
        String page = ConnTest.htmlResponse(ConnTest.get(router, "/posts/" + post.id()), 200);
        assertTrue(page.contains("Title here") && page.contains("Body here"), page);
        Conn missing = ConnTest.get(router, "/posts/99");
        assertEquals(404, missing.status());
        assertEquals("text/html", missing.contentType());
    }

    @Test
    @Tag("task:2")
    @DisplayName("an id that is not a number is a 404, not a crash")
    void nonNumericIdIsNotFound() {
        assertEquals(404, ConnTest.get(router, "/api/posts/abc").status());
    }

    @Test
    @Tag("task:3")
    @DisplayName("create reports every invalid field at once, and a too-long title")
    void createReportsAllErrors() {
        Conn blank = ConnTest.post(router, "/api/posts", Map.of("title", "  ", "body", ""));
        assertEquals(Map.of("errors", Map.of("title", List.of("can't be blank"), "body", List.of("can't be blank"))),
                ConnTest.jsonResponse(blank, 422));
        Conn tooLong = ConnTest.post(router, "/api/posts", Map.of("title", "t".repeat(101), "body", "ok"));
        assertEquals(Map.of("errors", Map.of("title", List.of("should be at most 100 character(s)"))),
                ConnTest.jsonResponse(tooLong, 422));
        assertTrue(store.all().isEmpty());
    }

    @Test
    @Tag("task:3")
    @DisplayName("a title of exactly 100 characters is accepted")
    void titleOfTheMaximumLengthIsAccepted() {
        String title = "t".repeat(100);
        Conn conn = ConnTest.post(router, "/api/posts", Map.of("title", title, "body", "ok"));
        assertEquals(Map.of("data", Map.of("id", 1L, "title", title, "body", "ok")), ConnTest.jsonResponse(conn, 201));
    }

    @Test
    @Tag("task:3")
    @DisplayName("create answers with a location header naming the new post")
    void createSetsLocation() {
        Conn conn = ConnTest.post(router, "/api/posts", Map.of("title", "Located", "body", "here"));
        assertEquals(201, conn.status());
        assertEquals("/api/posts/1", conn.respHeader("location").orElse(null));
    }

    @Test
    @Tag("task:4")
    @DisplayName("PUT updates, an invalid update is a 422 and leaves the post unchanged")
    void putUpdatesAndInvalidUpdateChangesNothing() {
        Post post = store.insert("Before", "body");
        assertEquals(Map.of("data", Map.of("id", post.id(), "title", "After", "body", "new body")),
                ConnTest.jsonResponse(ConnTest.put(router, "/api/posts/" + post.id(),
                        Map.of("title", "After", "body", "new body")), 200));
        Conn invalid = ConnTest.patch(router, "/api/posts/" + post.id(), Map.of("title", ""));
        assertEquals(Map.of("errors", Map.of("title", List.of("can't be blank"))), ConnTest.jsonResponse(invalid, 422));
        assertEquals("After", store.get(post.id()).orElseThrow().title());
    }

    @Test
    @Tag("task:4")
    @DisplayName("updating or deleting a missing post answers 404")
    void missingPostUpdateAndDeleteAreNotFound() {
        assertEquals(404, ConnTest.patch(router, "/api/posts/7", Map.of("title", "x")).status());
        assertEquals(404, ConnTest.delete(router, "/api/posts/7").status());
    }

    @Test
    @Tag("task:4")
    @DisplayName("an update checks the title's length like create does")
    void updateChecksTheTitleLength() {
        Post post = store.insert("Short", "body");
        Conn tooLong = ConnTest.patch(router, "/api/posts/" + post.id(), Map.of("title", "t".repeat(101)));
        assertEquals(Map.of("errors", Map.of("title", List.of("should be at most 100 character(s)"))),
                ConnTest.jsonResponse(tooLong, 422));
        assertEquals("Short", store.get(post.id()).orElseThrow().title());
    }

    @Test
    @Tag("task:4")
    @DisplayName("a deleted post is no longer listed, in JSON or in HTML")
    void deletedPostLeavesBothIndexes() {
        Post kept = store.insert("Kept", "stays");
        Post doomed = store.insert("Doomed", "goes");
        assertEquals(204, ConnTest.delete(router, "/api/posts/" + doomed.id()).status());
        assertEquals(Map.of("data", List.of(Map.of("id", kept.id(), "title", "Kept", "body", "stays"))),
                ConnTest.jsonResponse(ConnTest.get(router, "/api/posts"), 200));
        String page = ConnTest.htmlResponse(ConnTest.get(router, "/posts"), 200);
        assertFalse(page.contains("Doomed"), page);
        assertEquals(404, ConnTest.delete(router, "/api/posts/" + doomed.id()).status());
    }
}
