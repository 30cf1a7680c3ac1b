package otp.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Behaviour of {@link Conn}, the analog of {@code %Plug.Conn{}}. */
class PlugConnTest {
    @Test
    void splitsTheTargetIntoPathAndDecodedQueryParams() {
        Conn conn = Conn.request("get", "/users/7?page=2&q=a+b");
        assertEquals("GET", conn.method());
        assertEquals("/users/7", conn.path());
        assertEquals(List.of("users", "7"), conn.pathInfo());
        assertEquals(Map.of("page", "2", "q", "a b"), conn.queryParams());
    }

    @Test
    void updatesReturnANewConnAndLeaveTheOldOneUnchanged() {
        Conn original = Conn.request("GET", "/");
        Conn updated = original.assign("user", "ada").putStatus(201).putRespHeader("X-Id", "1");
        assertEquals(Map.of(), original.assigns());
        assertNull(original.status());
        assertEquals(Map.of("user", "ada"), updated.assigns());
        assertEquals(201, updated.status());
        assertEquals(Optional.of("1"), updated.respHeader("x-id"));
    }

    @Test
    void parsesAJsonBodyIntoBodyParams() {
        Conn conn = Conn.request("POST", "/users").withJson(Map.of("name", "Ada", "age", 36)).parseBody();
        assertEquals(Map.of("name", "Ada", "age", 36L), conn.bodyParams());
    }

    @Test
    void putsAJsonBodyThatIsNotAnObjectUnderUnderscoreJson() {
        Conn conn = Conn.request("POST", "/").withBody("application/json", "[1,2]").parseBody();
        assertEquals(Map.of("_json", List.of(1L, 2L)), conn.bodyParams());
    }

    @Test
    void parsesAFormBodyWithNestedKeys() {
        Conn conn = Conn.request("POST", "/").withForm(Map.of("user", Map.of("name", "Ada"))).parseBody();
        assertEquals(Map.of("user", Map.of("name", "Ada")), conn.bodyParams());
    }

    @Test
    void refusesAMalformedJsonBodyWith400() {
        Conn conn = Conn.request("POST", "/").withBody("application/json", "{oops");
        Conn.BadRequestException e = assertThrows(Conn.BadRequestException.class, conn::parseBody);
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void refusesAnOversizedBodyWith413() {
        Conn conn = Conn.request("POST", "/").withBody("text/plain", "x".repeat(Conn.MAX_BODY_CHARS + 1));
        assertEquals(413, assertThrows(Conn.BadRequestException.class, conn::parseBody).status());
    }

    @Test
    void mergesParamsWithPathOverBodyOverQuery() {
        Conn conn = Conn.request("POST", "/u/1?id=q&page=3").withJson(Map.of("id", "b", "name", "n")).parseBody()
                .withPathParams(Map.of("id", "p"));
        assertEquals(Map.of("id", "p", "page", "3", "name", "n"), conn.params());
    }

    @Test
    void readsRequestHeadersInAnyCase() {
        Conn conn = Conn.request("GET", "/").putReqHeader("Accept", "text/html");
        assertEquals(Optional.of("text/html"), conn.reqHeader("ACCEPT"));
    }

    @Test
    void sendRespKeepsAStatusSetEarlierOrUses200() {
        assertEquals(201, Conn.request("GET", "/").putStatus(201).sendResp("x").status());
        assertEquals(Conn.DEFAULT_STATUS, Conn.request("GET", "/").sendResp("x").status());
        assertTrue(Conn.request("GET", "/").sendResp("x").sent());
    }

    @Test
    void haltMarksTheConnHalted() {
        Conn conn = Conn.request("GET", "/");
        assertFalse(conn.halted());
        assertTrue(conn.halt().halted());
    }

    @Test
    void putRespContentTypeAddsTheCharsetAndContentTypeReadsItBack() {
        Conn conn = Conn.request("GET", "/").putRespContentType("text/csv");
        assertEquals(Optional.of("text/csv; charset=utf-8"), conn.respHeader("content-type"));
        assertEquals("text/csv", conn.contentType());
    }

    @Test
    void refusesInvalidStatusesAndHeaderInjection() {
        Conn conn = Conn.request("GET", "/");
        assertThrows(IllegalArgumentException.class, () -> conn.putStatus(42));
        assertThrows(IllegalArgumentException.class, () -> conn.putRespHeader("x", "a\r\nSet-Cookie: b"));
        assertThrows(IllegalArgumentException.class, () -> conn.putRespHeader("bad name", "v"));
        assertThrows(IllegalArgumentException.class, () -> Conn.request("GET", "no-slash"));
    }
}
