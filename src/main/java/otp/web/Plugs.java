package otp.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ready-made plugs found in a Phoenix router's pipelines.
 *
 * <pre>{@code
 * plug :accepts, ["json"]             p.plug(Plugs.accepts("json"))
 * plug :put_secure_browser_headers    p.plug(Plugs.putSecureBrowserHeaders())
 * }</pre>
 */
public final class Plugs {
    /** The assign where {@link #accepts} stores the negotiated format ({@code "json"}, {@code "html"}...). */
    public static final String FORMAT_ASSIGN = "format";

    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "html", "text/html",
            "json", "application/json",
            "text", "text/plain");

    private static final Map<String, String> SECURE_BROWSER_HEADERS = Map.of(
            "x-frame-options", "SAMEORIGIN",
            "x-content-type-options", "nosniff",
            "referrer-policy", "strict-origin-when-cross-origin",
            "x-permitted-cross-domain-policies", "none");

    private Plugs() {}

    /**
     * Negotiates the response format from the {@code accept} header among {@code formats} and
     * assigns it under {@link #FORMAT_ASSIGN}; a request that accepts none of them gets 406 and halts.
     * No {@code accept} header, or {@code *}{@code /*}, picks the first format.
     */
    public static Plug accepts(String... formats) {
        if (formats.length == 0) {
            throw new IllegalArgumentException("accepts needs at least one format");
        }
        for (String f : formats) {
            if (!MEDIA_TYPES.containsKey(f)) {
                throw new IllegalArgumentException("unknown format '" + f + "'; known: " + MEDIA_TYPES.keySet());
            }
        }
        List<String> allowed = List.of(formats);
        return conn -> {
            String accept = conn.reqHeader("accept").orElse("*/*").toLowerCase(Locale.ROOT);
            for (String part : accept.split(",")) {
                String media = part.split(";")[0].trim();
                if (media.equals("*/*")) {
                    return conn.assign(FORMAT_ASSIGN, allowed.getFirst());
                }
                for (String format : allowed) {
                    if (MEDIA_TYPES.get(format).equals(media)) {
                        return conn.assign(FORMAT_ASSIGN, format);
                    }
                }
            }
            return conn.putRespContentType("text/plain")
                    .sendResp(406, "Not Acceptable: this route answers " + String.join(", ", allowed))
                    .halt();
        };
    }

    /** Adds the browser security headers Phoenix adds by default. */
    public static Plug putSecureBrowserHeaders() {
        return conn -> {
            Conn out = conn;
            for (Map.Entry<String, String> h : SECURE_BROWSER_HEADERS.entrySet()) {
                out = out.putRespHeader(h.getKey(), h.getValue());
            }
            return out;
        };
    }
}
