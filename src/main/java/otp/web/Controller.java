package otp.web;

import java.util.Objects;

/**
 * Response helpers for controller actions, the Java form of {@code Phoenix.Controller}.
 * Import them statically: {@code import static otp.web.Controller.*;}
 *
 * <pre>{@code
 * json(conn, %{id: 1})                      json(conn, Map.of("id", 1))
 * html(conn, "<p>hi</p>")                   html(conn, Html.raw("<p>hi</p>"))
 * render with ~H"<p>{@name}</p>"            html(conn, "<p>{name}</p>", Map.of("name", name))  // escaped
 * text(conn, "pong")                        text(conn, "pong")
 * redirect(conn, to: "/users")              redirect(conn, "/users")
 * redirect(conn, external: "https://x")     redirectExternal(conn, "https://x")
 * conn |> put_status(:created) |> json(u)   json(conn.putStatus(201), u)
 * }</pre>
 *
 * <p>Each helper keeps a status set earlier with {@link Conn#putStatus} and otherwise uses 200.
 */
public final class Controller {
    /** The status {@link #redirect} uses, as Phoenix does. */
    public static final int REDIRECT_STATUS = 302;

    private Controller() {}

    /** Sends {@code data} encoded as JSON with content type {@code application/json}. */
    public static Conn json(Conn conn, Object data) {
        return conn.putRespContentType("application/json").sendResp(Json.encode(data));
    }

    /** Sends markup that is already safe (a rendered template or {@link Html#raw}). */
    public static Conn html(Conn conn, Html.Safe markup) {
        Objects.requireNonNull(markup, "markup must not be null");
        return conn.putRespContentType("text/html").sendResp(markup.html());
    }

    /** Renders {@code template} with {@code assigns}, escaping every value, and sends it as HTML. */
    public static Conn html(Conn conn, String template, Object assigns) {
        return html(conn, Html.render(template, assigns));
    }

    /** Sends plain text. */
    public static Conn text(Conn conn, String body) {
        return conn.putRespContentType("text/plain").sendResp(body);
    }

    /**
     * Redirects to a path inside this application with 302. A full URL is refused, as Phoenix's
     * {@code to:} refuses it, so user input cannot send visitors elsewhere (an open redirect).
     */
    public static Conn redirect(Conn conn, String to) {
        Objects.requireNonNull(to, "to must not be null");
        if (!to.startsWith("/") || to.startsWith("//") || to.contains("\\")) {
            throw new IllegalArgumentException("redirect(conn, to) takes a local path such as \"/users\", not '"
                    + to + "'; use redirectExternal for other sites");
        }
        return sendRedirect(conn, to);
    }

    /** Redirects to a full URL on another site ({@code redirect(conn, external: url)}). */
    public static Conn redirectExternal(Conn conn, String url) {
        Objects.requireNonNull(url, "url must not be null");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("an external redirect needs an http(s) URL, not '" + url + "'");
        }
        return sendRedirect(conn, url);
    }

    private static Conn sendRedirect(Conn conn, String location) {
        String body = "<html><body>You are being <a href=\"" + Html.escape(location) + "\">redirected</a>.</body></html>";
        return conn.putRespHeader("location", location).putRespContentType("text/html")
                .sendResp(REDIRECT_STATUS, body);
    }
}
