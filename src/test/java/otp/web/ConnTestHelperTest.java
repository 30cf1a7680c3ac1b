package otp.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static otp.web.Controller.html;
import static otp.web.Controller.json;
import static otp.web.Controller.text;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour of {@link ConnTest}, the analog of {@code Phoenix.ConnTest}. */
class ConnTestHelperTest {
    private final Router router = Router.build(r -> {
        r.get("/json", (c, p) -> json(c, List.of(1, 2)));
        r.get("/html", (c, p) -> html(c, "<p>{q}</p>", Map.of("q", p.getOrDefault("q", ""))));
        r.get("/text", (c, p) -> text(c, "t"));
        r.get("/go", (c, p) -> Controller.redirect(c, "/json"));
        r.post("/form", (c, p) -> json(c, p));
    });

    @Test
    void jsonResponseChecksStatusAndTypeAndDecodes() {
        assertEquals(List.of(1L, 2L), ConnTest.jsonResponse(ConnTest.get(router, "/json"), 200));
    }

    @Test
    void htmlResponseReturnsTheBody() {
        assertEquals("<p>&lt;b&gt;</p>", ConnTest.htmlResponse(ConnTest.get(router, "/html?q=%3Cb%3E"), 200));
    }

    @Test
    void aWrongStatusFailsWithTheActualStatusAndBody() {
        AssertionError e = assertThrows(AssertionError.class, () -> ConnTest.textResponse(ConnTest.get(router, "/none"), 200));
        assertTrue(e.getMessage().contains("got 404"), e.getMessage());
    }

    @Test
    void aWrongContentTypeFails() {
        assertThrows(AssertionError.class, () -> ConnTest.htmlResponse(ConnTest.get(router, "/text"), 200));
    }

    @Test
    void redirectedToReturnsTheLocationAndFailsOnOtherStatuses() {
        assertEquals("/json", ConnTest.redirectedTo(ConnTest.get(router, "/go")));
        assertThrows(AssertionError.class, () -> ConnTest.redirectedTo(ConnTest.get(router, "/text")));
    }

    @Test
    void dispatchSendsABuiltConnWithAFormBody() {
        Conn conn = ConnTest.dispatch(router, Conn.request("POST", "/form").withForm(Map.of("name", "Ada")));
        assertEquals(Map.of("name", "Ada"), ConnTest.jsonResponse(conn, 200));
    }
}
