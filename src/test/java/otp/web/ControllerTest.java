package otp.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ControllerTest {
    private final Conn conn = Conn.request("GET", "/");

    @Test
    void jsonEncodesTheDataWithAJsonContentType() {
        Conn out = Controller.json(conn, Map.of("id", 1));
        assertEquals("{\"id\":1}", out.respBody());
        assertEquals("application/json", out.contentType());
        assertEquals(200, out.status());
    }

    @Test
    void helpersKeepAStatusSetBefore() {
        assertEquals(201, Controller.json(conn.putStatus(201), Map.of()).status());
    }

    @Test
    void htmlEscapesAssignsInTheTemplate() {
        Conn out = Controller.html(conn, "<h1>{title}</h1>", Map.of("title", "<i>x</i>"));
        assertEquals("<h1>&lt;i&gt;x&lt;/i&gt;</h1>", out.respBody());
        assertEquals("text/html", out.contentType());
    }

    @Test
    void htmlSendsSafeMarkupAsIs() {
        assertEquals("<p>ok</p>", Controller.html(conn, Html.raw("<p>ok</p>")).respBody());
    }

    @Test
    void textSendsPlainText() {
        Conn out = Controller.text(conn, "pong");
        assertEquals("pong", out.respBody());
        assertEquals("text/plain", out.contentType());
    }

    @Test
    void redirectSends302WithTheLocation() {
        Conn out = Controller.redirect(conn, "/users/1");
        assertEquals(302, out.status());
        assertEquals(Optional.of("/users/1"), out.respHeader("location"));
        assertEquals("/users/1", ConnTest.redirectedTo(out));
    }

    @Test
    void redirectRefusesOtherSitesSoUserInputCannotMakeAnOpenRedirect() {
        assertThrows(IllegalArgumentException.class, () -> Controller.redirect(conn, "https://evil.example"));
        assertThrows(IllegalArgumentException.class, () -> Controller.redirect(conn, "//evil.example"));
        assertEquals(Optional.of("https://ok.example/"),
                Controller.redirectExternal(conn, "https://ok.example/").respHeader("location"));
    }

    @Test
    void anUndefinedResourceActionAnswers501WhenCalledDirectly() {
        ResourceController empty = new ResourceController() {};
        assertEquals(501, empty.show(conn, Map.of()).status());
    }
}
