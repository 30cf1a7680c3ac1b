package otp.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request and the response being built for it: the Java form of {@code %Plug.Conn{}}.
 *
 * <p>A {@code Conn} never changes: every update returns a new one, just as each plug in Elixir
 * returns an updated conn. Header names are lower case, as in Plug.
 *
 * <pre>{@code
 * conn.method / conn.request_path          conn.method() / conn.path()
 * conn.path_params / query_params          conn.pathParams() / conn.queryParams()
 * conn.body_params / conn.params           conn.bodyParams() / conn.params()
 * get_req_header(conn, "accept")           conn.reqHeader("accept")
 * assign(conn, :user, user)                conn.assign("user", user)
 * conn.assigns.user                        conn.assigns().get("user")
 * put_status(conn, 201)                    conn.putStatus(201)
 * put_resp_header(conn, "x-id", "1")       conn.putRespHeader("x-id", "1")
 * put_resp_content_type(conn, "text/csv")  conn.putRespContentType("text/csv")
 * send_resp(conn, 200, "ok")               conn.sendResp(200, "ok")
 * halt(conn) / conn.halted                 conn.halt() / conn.halted()
 * }</pre>
 */
public final class Conn {
    /** Bodies above this size are refused with 413 before parsing, as Plug.Parsers' {@code :length} does. */
    public static final int MAX_BODY_CHARS = 1_000_000;
    /** The status a response gets when a handler sets a body without choosing one. */
    public static final int DEFAULT_STATUS = 200;

    private final String method;
    private final String path;
    private final String queryString;
    private final Map<String, String> reqHeaders;
    private final String rawBody;
    private final Map<String, String> pathParams;
    private final Map<String, Object> queryParams;
    private final Map<String, Object> bodyParams;
    private final Map<String, Object> assigns;
    private final Integer status;
    private final Map<String, String> respHeaders;
    private final String respBody;
    private final boolean halted;

    private Conn(String method, String path, String queryString, Map<String, String> reqHeaders, String rawBody,
                 Map<String, String> pathParams, Map<String, Object> queryParams, Map<String, Object> bodyParams,
                 Map<String, Object> assigns, Integer status, Map<String, String> respHeaders, String respBody,
                 boolean halted) {
        this.method = method;
        this.path = path;
        this.queryString = queryString;
        this.reqHeaders = reqHeaders;
        this.rawBody = rawBody;
        this.pathParams = pathParams;
        this.queryParams = queryParams;
        this.bodyParams = bodyParams;
        this.assigns = assigns;
        this.status = status;
        this.respHeaders = respHeaders;
        this.respBody = respBody;
        this.halted = halted;
    }

    /** The request is malformed (bad JSON, bad form data); the router answers 400 with this message. */
    public static final class BadRequestException extends RuntimeException {
        private final int status;

        BadRequestException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** 400 for unreadable bodies, 413 for bodies over {@link #MAX_BODY_CHARS}. */
        public int status() {
            return status;
        }
    }

    /**
     * A new request for {@code method} and {@code target} (a path with an optional query string),
     * the Java form of {@code Plug.Test.conn(:get, "/users?page=2")}.
     */
    public static Conn request(String method, String target) {
        Objects.requireNonNull(method, "method must not be null");
        Objects.requireNonNull(target, "target must not be null");
        if (method.isBlank()) {
            throw new IllegalArgumentException("method must not be blank");
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        if (path.isEmpty()) {
            path = "/";
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("the path must start with '/': " + target);
        }
        return new Conn(method.trim().toUpperCase(Locale.ROOT), path, query, Map.of(), "", Map.of(),
                Params.decodeForm(query), Map.of(), Map.of(), null, Map.of(), null, false);
    }

    // ---- request side

    public String method() {
        return method;
    }

    /** The request path without the query string ({@code conn.request_path}). */
    public String path() {
        return path;
    }

    /** The path split into its non-empty segments ({@code conn.path_info}). */
    public List<String> pathInfo() {
        return Router.segments(path);
    }

    public String queryString() {
        return queryString;
    }

    public Map<String, String> reqHeaders() {
        return reqHeaders;
    }

    /** The request header {@code name} (any case), if present. */
    public Optional<String> reqHeader(String name) {
        return Optional.ofNullable(reqHeaders.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The raw request body as sent. */
    public String body() {
        return rawBody;
    }

    public Map<String, String> pathParams() {
        return pathParams;
    }

    public Map<String, Object> queryParams() {
        return queryParams;
    }

    public Map<String, Object> bodyParams() {
        return bodyParams;
    }

    /** Query, body and path params merged, later ones winning, exactly as {@code conn.params}. */
    public Map<String, Object> params() {
        Map<String, Object> all = new LinkedHashMap<>(queryParams);
        all.putAll(bodyParams);
        all.putAll(pathParams);
        return Collections.unmodifiableMap(all);
    }

    /** Returns a copy with the request header set ({@code put_req_header}). */
    public Conn putReqHeader(String name, String value) {
        return new Conn(method, path, queryString, put(reqHeaders, headerName(name), requireValue(value)), rawBody,
                pathParams, queryParams, bodyParams, assigns, status, respHeaders, respBody, halted);
    }

    /** Returns a copy carrying {@code body} with its content type; {@link #parseBody()} reads it. */
    public Conn withBody(String contentType, String body) {
        Objects.requireNonNull(body, "body must not be null");
        return putReqHeader("content-type", contentType).withRawBody(body);
    }

    /** Returns a copy whose body is {@code value} encoded as JSON. */
    public Conn withJson(Object value) {
        return withBody("application/json", Json.encode(value));
    }

    /** Returns a copy whose body is {@code fields} as {@code application/x-www-form-urlencoded}. */
    public Conn withForm(Map<String, ?> fields) {
        return withBody("application/x-www-form-urlencoded", Params.encodeForm(fields));
    }

    private Conn withRawBody(String body) {
        return new Conn(method, path, queryString, reqHeaders, body, pathParams, queryParams, bodyParams, assigns,
                status, respHeaders, respBody, halted);
    }

    /**
     * Parses the body by its content type into {@link #bodyParams()}, as {@code Plug.Parsers} does:
     * JSON objects become params (any other JSON value lands under {@code "_json"}), forms are
     * decoded with nested keys such as {@code user[name]}; other types are left unparsed.
     *
     * @throws BadRequestException when the body cannot be read as its content type says
     */
    public Conn parseBody() {
        if (rawBody.isEmpty()) {
            return this;
        }
        if (rawBody.length() > MAX_BODY_CHARS) {
            throw new BadRequestException(413, "the request body is larger than " + MAX_BODY_CHARS + " characters");
        }
        String type = reqHeader("content-type").orElse("").toLowerCase(Locale.ROOT);
        Map<String, Object> parsed;
        if (type.startsWith("application/json") || type.endsWith("+json")) {
            Object value;
            try {
                value = Json.decode(rawBody);
            } catch (Json.ParseException e) {
                throw new BadRequestException(400, "the request body is not valid JSON: " + e.getMessage());
            }
            parsed = value instanceof Map<?, ?> ? Json.decodeObject(rawBody) : Map.of("_json", value);
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            parsed = Params.decodeForm(rawBody);
        } else {
            return this;
        }
        return new Conn(method, path, queryString, reqHeaders, rawBody, pathParams, queryParams,
                Collections.unmodifiableMap(parsed), assigns, status, respHeaders, respBody, halted);
    }

    Conn withPathParams(Map<String, String> params) {
        return new Conn(method, path, queryString, reqHeaders, rawBody, Map.copyOf(params), queryParams, bodyParams,
                assigns, status, respHeaders, respBody, halted);
    }

    // ---- assigns

    public Map<String, Object> assigns() {
        return assigns;
    }

    /** Returns a copy with {@code key} assigned ({@code assign(conn, key, value)}); {@code null} values are kept. */
    public Conn assign(String key, Object value) {
        Objects.requireNonNull(key, "key must not be null");
        Map<String, Object> next = new LinkedHashMap<>(assigns);
        next.put(key, value);
        return new Conn(method, path, queryString, reqHeaders, rawBody, pathParams, queryParams, bodyParams,
                Collections.unmodifiableMap(next), status, respHeaders, respBody, halted);
    }

    // ---- response side

    /** The response status, or {@code null} when none was set yet ({@code conn.status}). */
    public Integer status() {
        return status;
    }

    public Map<String, String> respHeaders() {
        return respHeaders;
    }

    /** The response header {@code name}, if set. */
    public Optional<String> respHeader(String name) {
        return Optional.ofNullable(respHeaders.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The response body, or {@code null} while no response was sent. */
    public String respBody() {
        return respBody;
    }

    /** The response content type without parameters, or {@code null} when none was set. */
    public String contentType() {
        String value = respHeaders.get("content-type");
        if (value == null) {
            return null;
        }
        int semi = value.indexOf(';');
        return (semi < 0 ? value : value.substring(0, semi)).trim();
    }

    /** Whether a response body was set ({@code conn.state == :sent}). */
    public boolean sent() {
        return respBody != null;
    }

    public boolean halted() {
        return halted;
    }

    public Conn putStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("an HTTP status is between 100 and 599, not " + status);
        }
        return new Conn(method, path, queryString, reqHeaders, rawBody, pathParams, queryParams, bodyParams, assigns,
                status, respHeaders, respBody, halted);
    }

    public Conn putRespHeader(String name, String value) {
        return new Conn(method, path, queryString, reqHeaders, rawBody, pathParams, queryParams, bodyParams, assigns,
                status, put(respHeaders, headerName(name), requireValue(value)), respBody, halted);
    }

    /** Sets the content type with a UTF-8 charset, as {@code put_resp_content_type} does. */
    public Conn putRespContentType(String type) {
        Objects.requireNonNull(type, "type must not be null");
        return putRespHeader("content-type", type + "; charset=utf-8");
    }

    /** Sets the status and body ({@code send_resp(conn, status, body)}). */
    public Conn sendResp(int status, String body) {
        Objects.requireNonNull(body, "body must not be null");
        Conn withStatus = putStatus(status);
        return new Conn(method, path, queryString, reqHeaders, rawBody, pathParams, queryParams, bodyParams, assigns,
                withStatus.status, respHeaders, body, halted);
    }

    /** Sets the body, keeping a status set earlier with {@link #putStatus} or else {@link #DEFAULT_STATUS}. */
    public Conn sendResp(String body) {
        return sendResp(status == null ? DEFAULT_STATUS : status, body);
    }

    /** Stops the pipeline: no later plug or action runs ({@code halt(conn)}). */
    public Conn halt() {
        return new Conn(method, path, queryString, reqHeaders, rawBody, pathParams, queryParams, bodyParams, assigns,
                status, respHeaders, respBody, true);
    }

    @Override
    public String toString() {
        return "Conn[" + method + " " + path + (queryString.isEmpty() ? "" : "?" + queryString)
                + (status == null ? "" : " -> " + status) + (halted ? " halted" : "") + "]";
    }

    private static String headerName(String name) {
        Objects.requireNonNull(name, "header name must not be null");
        if (name.isBlank() || name.chars().anyMatch(c -> c <= ' ' || c == ':' || c > 126)) {
            throw new IllegalArgumentException("not a valid header name: '" + name + "'");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static String requireValue(String value) {
        Objects.requireNonNull(value, "header value must not be null");
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a header value cannot contain a line break");
        }
        return value;
    }

    private static Map<String, String> put(Map<String, String> map, String key, String value) {
        Map<String, String> next = new LinkedHashMap<>(map);
        next.put(key, value);
        return Collections.unmodifiableMap(next);
    }

    static String urlDecode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
