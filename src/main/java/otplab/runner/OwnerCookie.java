package otplab.runner;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.websocket.WsContext;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The random, HttpOnly cookie that says which browser a request comes from, for {@link
 * SessionOwners}. Every response that finds none sets one (so a lesson page has it before its
 * script opens {@code /ws/run}); {@code SameSite=Lax} keeps other sites' pages and sockets from sending it.
 */
final class OwnerCookie {
    static final String NAME = "otplab_runner";
    private static final String ATTRIBUTE = "otplab.runner.owner";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnerCookie() {}

    /** The request's owner, issuing a fresh cookie (in this response) when it carries none or a malformed one. */
    static String of(Context ctx) {
        String known = ctx.attribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        String value = ctx.cookie(NAME);
        if (value == null || !WELL_FORMED.matcher(value).matches()) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Cookie cookie = new Cookie(NAME, value);
            cookie.setPath("/");
            cookie.setHttpOnly(true);
            cookie.setSameSite(SameSite.LAX);
            ctx.cookie(cookie);
        }
        ctx.attribute(ATTRIBUTE, value);
        return value;
    }

    /** The owner named by the socket's upgrade request; null when it carried no well-formed cookie. */
    static String of(WsContext ws) {
        String value = ws.cookie(NAME);
        return value != null && WELL_FORMED.matcher(value).matches() ? value : null;
    }
}
