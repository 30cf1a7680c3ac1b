package otp.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Query strings and form bodies, decoded the way Plug decodes them: {@code a=1&b=2} gives a flat map,
 * {@code user[name]=Ada} nests into {@code {"user": {"name": "Ada"}}}, and {@code tags[]=a&tags[]=b}
 * gives a list. Values stay strings; changesets cast them to their types.
 *
 * <pre>{@code
 * Plug.Conn.Query.decode("a=1&b[c]=2")    Params.decodeForm("a=1&b[c]=2")
 * Plug.Conn.Query.encode(%{a: 1})         Params.encodeForm(Map.of("a", 1))
 * }</pre>
 */
public final class Params {
    /** Nesting deeper than this ({@code a[b][c]...}) is refused, so a hostile key cannot build huge maps. */
    public static final int MAX_NESTING = 32;

    private Params() {}

    /** Decodes {@code a=1&b[c]=2} into (nested) string-keyed maps. */
    public static Map<String, Object> decodeForm(String text) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return Collections.unmodifiableMap(root);
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            insert(root, keyPath(key), value);
        }
        return freeze(root);
    }

    /** Encodes a flat or nested map as {@code application/x-www-form-urlencoded} text. */
    public static String encodeForm(Map<String, ?> fields) {
        StringJoiner out = new StringJoiner("&");
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            encodeInto(out, e.getKey(), e.getValue());
        }
        return out.toString();
    }

    private static void encodeInto(StringJoiner out, String key, Object value) {
        switch (value) {
            case Map<?, ?> map -> map.forEach((k, v) -> encodeInto(out, key + "[" + k + "]", v));
            case List<?> list -> list.forEach(v -> encodeInto(out, key + "[]", v));
            case null -> out.add(encode(key) + "=");
            default -> out.add(encode(key) + "=" + encode(String.valueOf(value)));
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        try {
            return Conn.urlDecode(s);
        } catch (IllegalArgumentException e) {
            throw new Conn.BadRequestException(400, "bad percent-encoding in '" + s + "'");
        }
    }

    private static List<String> keyPath(String key) {
        List<String> path = new ArrayList<>();
        int open = key.indexOf('[');
        if (open <= 0) {
            path.add(key);
            return path;
        }
        path.add(key.substring(0, open));
        int i = open;
        while (i < key.length() && key.charAt(i) == '[') {
            int close = key.indexOf(']', i);
            if (close < 0) {
                break;
            }
            path.add(key.substring(i + 1, close));
            i = close + 1;
        }
        if (path.size() > MAX_NESTING) {
            throw new Conn.BadRequestException(400, "the parameter '" + key + "' nests deeper than " + MAX_NESTING);
        }
        return path;
    }

    @SuppressWarnings("unchecked")
    private static void insert(Map<String, Object> map, List<String> path, String value) {
        String head = path.getFirst();
        if (path.size() == 1) {
            map.put(head, value);
            return;
        }
        if (path.get(1).isEmpty()) {
            Object existing = map.get(head);
            List<Object> list = existing instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
            list.add(value);
            map.put(head, list);
            return;
        }
        Object existing = map.get(head);
        Map<String, Object> child = existing instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
        map.put(head, child);
        insert(child, path.subList(1, path.size()), value);
    }

    private static Map<String, Object> freeze(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, switch (v) {
            case Map<?, ?> m -> {
                @SuppressWarnings("unchecked") Map<String, Object> child = (Map<String, Object>) m;
                yield freeze(child);
            }
            case List<?> l -> Collections.unmodifiableList(l);
            default -> v;
        }));
        return Collections.unmodifiableMap(out);
    }
}
