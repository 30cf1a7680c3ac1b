import static otp.web.Controller.html;
import static otp.web.Controller.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import otp.web.Conn;
import otp.web.Html;
import otp.web.Plugs;
import otp.web.ResourceController;

/** The posts controller: JSON under /api/posts, HTML under /posts. */
public final class PostController implements ResourceController {
    static final int MAX_TITLE_LENGTH = 100;

    private final PostStore store;

    public PostController(PostStore store) {
        this.store = store;
    }

    @Override
    public Conn index(Conn conn, Map<String, Object> params) {
        List<Post> posts = store.all();
        if (isJson(conn)) {
            return json(conn, Map.of("data", posts));
        }
        return html(conn, Html.render("<h1>Posts</h1><ul>{items}</ul>", Map.of("items",
                Html.each(posts, post -> Html.render("<li><a href=\"/posts/{id}\">{title}</a></li>", post)))));
    }

    @Override
    public Conn show(Conn conn, Map<String, Object> params) {
        Optional<Post> post = findPost(params);
        if (post.isEmpty()) {
            return notFound(conn);
        }
        if (isJson(conn)) {
            return json(conn, Map.of("data", post.get()));
        }
        return html(conn, "<article><h1>{title}</h1><p>{body}</p></article>", post.get());
    }

    @Override
    public Conn create(Conn conn, Map<String, Object> params) {
        Map<String, List<String>> errors = validate(params, true);
        if (!errors.isEmpty()) {
            return json(conn.putStatus(422), Map.of("errors", errors));
        }
        Post post = store.insert((String) params.get("title"), (String) params.get("body"));
        return json(conn.putStatus(201).putRespHeader("location", "/api/posts/" + post.id()), Map.of("data", post));
    }

    @Override
    public Conn update(Conn conn, Map<String, Object> params) {
        Optional<Post> existing = findPost(params);
        if (existing.isEmpty()) {
            return notFound(conn);
        }
        Map<String, List<String>> errors = validate(params, false);
        if (!errors.isEmpty()) {
            return json(conn.putStatus(422), Map.of("errors", errors));
        }
        Post old = existing.get();
        Post changed = new Post(old.id(),
                params.get("title") instanceof String title ? title : old.title(),
                params.get("body") instanceof String body ? body : old.body());
        return store.replace(changed).map(post -> json(conn, Map.of("data", post))).orElseGet(() -> notFound(conn));
    }

    @Override
    public Conn delete(Conn conn, Map<String, Object> params) {
        Optional<Long> id = parseId(params.get("id"));
        if (id.isEmpty() || !store.delete(id.get())) {
            return notFound(conn);
        }
        return conn.sendResp(204, "");
    }

    /** Errors per field, like a changeset's: required fields on create, any given field on both. */
    private static Map<String, List<String>> validate(Map<String, Object> params, boolean creating) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String field : List.of("title", "body")) {
            boolean given = params.containsKey(field);
            Object value = params.get(field);
            if (!given && !creating) {
                continue;
            }
            List<String> messages = new ArrayList<>();
            if (!(value instanceof String text) || text.isBlank()) {
                messages.add(value == null || value instanceof String ? "can't be blank" : "is invalid");
            } else if (creating && field.equals("title") && text.length() > MAX_TITLE_LENGTH) {
                messages.add("should be at most " + MAX_TITLE_LENGTH + " character(s)");
            }
            if (!messages.isEmpty()) {
                errors.put(field, messages);
            }
        }
        return errors;
    }

    private Optional<Post> findPost(Map<String, Object> params) {
        return parseId(params.get("id")).flatMap(store::get);
    }

    private static Optional<Long> parseId(Object id) {
        try {
            return Optional.of(Long.parseLong(String.valueOf(id)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isJson(Conn conn) {
        return "json".equals(conn.assigns().get(Plugs.FORMAT_ASSIGN));
    }

    private static Conn notFound(Conn conn) {
        Conn status = conn.putStatus(404);
        return isJson(conn)
                ? json(status, Map.of("error", "not found"))
                : html(status, Html.raw("<h1>Post not found</h1>"));
    }
}
