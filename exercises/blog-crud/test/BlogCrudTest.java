import static org.junit.jupiter.api.Assertions.assertEquals;
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

class BlogCrudTest {
    PostStore store;
    Router router;

    @BeforeEach
    void startBlog() {
        store = new PostStore();
        router = BlogRouter.build(store);
    }

    @Test
    @Tag("task:1")
    @DisplayName("GET /api/posts answers JSON and GET /posts answers HTML")
    void apiAnswersJsonAndBrowserAnswersHtml() {
        assertEquals(Map.of("data", List.of()), ConnTest.jsonResponse(ConnTest.get(router, "/api/posts"), 200));
        Conn page = ConnTest.get(router, "/posts");
        assertEquals(200, page.status());
        assertEquals("text/html", page.contentType());
    }

    @Test
    @Tag("task:1")
    @DisplayName("an unknown path answers 404")
    void unknownPathIsNotFound() {
        assertEquals(404, ConnTest.get(router, "/api/comments").status());
    }

    @Test
    @Tag("task:2")
    @DisplayName("index lists every post as JSON, by id")
    void indexListsPostsAsJson() {
        store.insert("First", "one");
        store.insert("Second", "two");
        Object body = ConnTest.jsonResponse(ConnTest.get(router, "/api/posts"), 200);
        assertEquals(Map.of("data", List.of(
                Map.of("id", 1L, "title", "First", "body", "one"),
                Map.of("id", 2L, "title", "Second", "body", "two"))), body);
    }

    @Test
    @Tag("task:2")
    @DisplayName("show answers one post, or 404 with an error when there is none")
    void showAnswersOnePostOrNotFound() {
        Post post = store.insert("Hello", "world");
        assertEquals(Map.of("data", Map.of("id", post.id(), "title", "Hello", "body", "world")),
                ConnTest.jsonResponse(ConnTest.get(router, "/api/posts/" + post.id()), 200));
        assertEquals(Map.of("error", "not found"), ConnTest.jsonResponse(ConnTest.get(router, "/api/posts/42"), 404));
    }

    @Test
    @Tag("task:3")
    @DisplayName("create answers 201 with the new post and stores it")
    void createAnswersCreatedAndStores() {
        Conn conn = ConnTest.post(router, "/api/posts", Map.of("title", "New", "body", "text"));
        assertEquals(Map.of("data", Map.of("id", 1L, "title", "New", "body", "text")), ConnTest.jsonResponse(conn, 201));
        assertEquals(1, store.all().size());
    }

    @Test
    @Tag("task:3")
    @DisplayName("create without a title answers 422 with the errors per field")
    void createWithoutTitleIsUnprocessable() {
        Conn conn = ConnTest.post(router, "/api/posts", Map.of("body", "text"));
        assertEquals(Map.of("errors", Map.of("title", List.of("can't be blank"))), ConnTest.jsonResponse(conn, 422));
        assertTrue(store.all().isEmpty());
    }

    @Test
    @Tag("task:4")
    @DisplayName("PATCH changes only the fields it sends")
    void patchChangesOnlyGivenFields() {
        Post post = store.insert("Old title", "same body");
        Conn conn = ConnTest.patch(router, "/api/posts/" + post.id(), Map.of("title", "New title"));
        assertEquals(Map.of("data", Map.of("id", post.id(), "title", "New title", "body", "same body")),
                ConnTest.jsonResponse(conn, 200));
    }

    @Test
    @Tag("task:4")
    @DisplayName("DELETE answers 204 and the post is gone")
    void deleteAnswersNoContent() {
        Post post = store.insert("Doomed", "soon gone");
        Conn conn = ConnTest.delete(router, "/api/posts/" + post.id());
        assertEquals(204, conn.status());
        assertEquals(404, ConnTest.get(router, "/api/posts/" + post.id()).status());
    }
}
