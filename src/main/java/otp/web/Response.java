package otp.web;

import java.util.Map;
import java.util.Objects;

/**
 * A finished response as plain data: what an HTTP adapter (or the lesson page's request panel)
 * writes back. Produced by {@link Router#serve}.
 */
public record Response(int status, Map<String, String> headers, String body) {
    public Response {
        Objects.requireNonNull(headers, "headers must not be null");
        Objects.requireNonNull(body, "body must not be null");
        headers = Map.copyOf(headers);
    }

    static Response of(Conn conn) {
        return new Response(conn.status() == null ? Conn.DEFAULT_STATUS : conn.status(), conn.respHeaders(),
                conn.respBody() == null ? "" : conn.respBody());
    }
}
