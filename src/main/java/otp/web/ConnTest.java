package otp.web;

import java.util.Map;
import java.util.Objects;

/**
 * Sends requests through a router without a network and reads the answers: the Java form of
 * {@code Phoenix.ConnTest}. The readers fail with an {@link AssertionError} that shows the actual
 * status and body, so a test says what went wrong.
 *
 * <pre>{@code
 * conn = get(build_conn(), "/users")           Conn conn = ConnTest.get(router, "/users");
 * conn = post(build_conn(), "/users", attrs)   Conn conn = ConnTest.post(router, "/users", attrs);  // JSON body
 * json_response(conn, 200)                     ConnTest.jsonResponse(conn, 200)
 * html_response(conn, 200)                     ConnTest.htmlResponse(conn, 200)
 * text_response(conn, 200)                     ConnTest.textResponse(conn, 200)
 * redirected_to(conn)                          ConnTest.redirectedTo(conn)
 * build_conn() |> put_req_header(...)          ConnTest.dispatch(router, Conn.request("GET", "/").putReqHeader(...))
 * }</pre>
 */
public final class ConnTest {
    private ConnTest() {}

    /** Sends {@code conn} through the router, as {@code dispatch/5} does. */
    public static Conn dispatch(Router router, Conn conn) {
        Objects.requireNonNull(router, "router must not be null");
        return router.call(Objects.requireNonNull(conn, "conn must not be null"));
    }

    public static Conn get(Router router, String target) {
        return dispatch(router, Conn.request("GET", target));
    }

    public static Conn delete(Router router, String target) {
        return dispatch(router, Conn.request("DELETE", target));
    }

    /** POSTs {@code params} as a JSON body. */
    public static Conn post(Router router, String target, Map<String, ?> params) {
        return dispatch(router, Conn.request("POST", target).withJson(params));
    }

    /** PUTs {@code params} as a JSON body. */
    public static Conn put(Router router, String target, Map<String, ?> params) {
        return dispatch(router, Conn.request("PUT", target).withJson(params));
    }

    /** PATCHes {@code params} as a JSON body. */
    public static Conn patch(Router router, String target, Map<String, ?> params) {
        return dispatch(router, Conn.request("PATCH", target).withJson(params));
    }

    /** Asserts the status and a JSON content type, and returns the decoded body. */
    public static Object jsonResponse(Conn conn, int status) {
        String body = response(conn, status, "application/json");
        try {
            return Json.decode(body);
        } catch (Json.ParseException e) {
            throw new AssertionError("the response says JSON but its body is not: " + e.getMessage());
        }
    }

    /** Asserts the status and an HTML content type, and returns the body. */
    public static String htmlResponse(Conn conn, int status) {
        return response(conn, status, "text/html");
    }

    /** Asserts the status and a plain-text content type, and returns the body. */
    public static String textResponse(Conn conn, int status) {
        return response(conn, status, "text/plain");
    }

    /** Asserts a redirect (status 3xx) and returns where it goes. */
    public static String redirectedTo(Conn conn) {
        Integer status = conn.status();
        if (status == null || status < 300 || status > 399) {
            throw new AssertionError("expected a redirect but got " + describe(conn));
        }
        return conn.respHeader("location").orElseThrow(
                () -> new AssertionError("the redirect has no location header"));
    }

    /** Asserts only the status and returns the body. */
    public static String response(Conn conn, int status) {
        if (!conn.sent()) {
            throw new AssertionError("expected a response with status " + status + " but none was sent");
        }
        if (conn.status() != status) {
            throw new AssertionError("expected status " + status + " but got " + describe(conn));
        }
        return conn.respBody();
    }

    private static String response(Conn conn, int status, String contentType) {
        String body = response(conn, status);
        if (!contentType.equals(conn.contentType())) {
            throw new AssertionError("expected content type " + contentType + " but got " + conn.contentType()
                    + " with body: " + abbreviate(body));
        }
        return body;
    }

    private static String describe(Conn conn) {
        return conn.status() + " with body: " + abbreviate(conn.respBody());
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "(none)";
        }
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
