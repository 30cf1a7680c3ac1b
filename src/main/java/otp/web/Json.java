package otp.web;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A small JSON encoder and decoder, the Java form of Phoenix's {@code Jason}.
 *
 * <p>The worker JVM that runs learner code has no Jackson on its classpath, so the web analogs
 * carry their own codec. It maps JSON to plain Java values and back:
 *
 * <table>
 *   <caption>JSON and Java values</caption>
 *   <tr><th>JSON</th><th>decoded as</th><th>encoded from</th></tr>
 *   <tr><td>object</td><td>{@code LinkedHashMap<String,Object>} (key order kept)</td>
 *       <td>any {@code Map}, any {@code record} (its components, in order)</td></tr>
 *   <tr><td>array</td><td>{@code ArrayList<Object>}</td><td>any {@code Collection}, arrays</td></tr>
 *   <tr><td>string</td><td>{@code String}</td><td>{@code CharSequence}, enums, dates and times</td></tr>
 *   <tr><td>number</td><td>{@code Long} when integral and in range, else {@code BigDecimal}</td>
 *       <td>any {@code Number}</td></tr>
 *   <tr><td>true / false / null</td><td>{@code Boolean} / {@code null}</td><td>the same</td></tr>
 * </table>
 *
 * <pre>{@code
 * Jason.encode!(%{name: "Ada"})        Json.encode(Map.of("name", "Ada"))
 * Jason.decode!(~s({"id": 1}))         Json.decode("{\"id\": 1}")
 * }</pre>
 */
public final class Json {
    /** Nesting deeper than this is refused while decoding, so hostile input cannot exhaust the stack. */
    public static final int MAX_DEPTH = 512;

    private Json() {}

    /** Thrown when text is not valid JSON; the message says where and why. */
    public static final class ParseException extends RuntimeException {
        ParseException(String message) {
            super(message);
        }
    }

    /** Thrown when a value has no JSON form (for example a {@code Thread}). */
    public static final class EncodeException extends RuntimeException {
        EncodeException(String message) {
            super(message);
        }
    }

    /** Encodes {@code value} as compact JSON text. */
    public static String encode(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.toString();
    }

    /** Decodes JSON text into maps, lists, strings, numbers, booleans and nulls. */
    public static Object decode(String text) {
        Objects.requireNonNull(text, "text must not be null");
        Parser parser = new Parser(text);
        parser.skipSpace();
        Object value = parser.value(0);
        parser.skipSpace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected text after the JSON value");
        }
        return value;
    }

    /** Decodes a JSON object; any other JSON value is a {@link ParseException}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> decodeObject(String text) {
        Object value = decode(text);
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new ParseException("expected a JSON object but got " + describe(value));
    }

    static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            case String s -> "a string";
            case Boolean b -> "a boolean";
            default -> "a number";
        };
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new EncodeException("value nests deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b);
            case Double d when d.isNaN() || d.isInfinite() ->
                    throw new EncodeException("JSON has no form for " + d);
            case Float f when f.isNaN() || f.isInfinite() ->
                    throw new EncodeException("JSON has no form for " + f);
            case BigDecimal d -> out.append(d.toPlainString());
            case Number n -> out.append(n);
            case CharSequence s -> writeString(out, s.toString());
            case Character c -> writeString(out, c.toString());
            case Enum<?> e -> writeString(out, e.name().toLowerCase());
            case TemporalAccessor t -> writeString(out, t.toString());
            case Optional<?> o -> write(out, o.orElse(null), depth + 1);
            case Map<?, ?> map -> writeObject(out, map, depth);
            case Collection<?> items -> writeArray(out, items, depth);
            case Object[] items -> writeArray(out, List.of(items), depth);
            case Record record -> writeObject(out, recordFields(record), depth);
            default -> throw new EncodeException(
                    "cannot encode a " + value.getClass().getSimpleName() + " as JSON; use a map, list, record or plain value");
        }
    }

    private static Map<String, Object> recordFields(Record record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                fields.put(component.getName(), Records.read(component, record));
            } catch (ReflectiveOperationException e) {
                throw new EncodeException("cannot read " + component.getName() + " of "
                        + record.getClass().getSimpleName() + ": make the record public or pass a Map");
            }
        }
        return fields;
    }

    private static void writeObject(StringBuilder out, Map<?, ?> map, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, String.valueOf(entry.getKey()));
            out.append(':');
            write(out, entry.getValue(), depth + 1);
        }
        out.append('}');
    }

    private static void writeArray(StringBuilder out, Collection<?> items, int depth) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(out, item, depth + 1);
        }
        out.append(']');
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                // Escaping these keeps JSON safe to embed inside an HTML <script> block.
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        ParseException error(String why) {
            return new ParseException("invalid JSON at position " + pos + ": " + why);
        }

        void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return;
                }
                pos++;
            }
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH + " levels");
            }
            if (pos >= text.length()) {
                throw error("the text ended where a value was expected");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected character '" + c + "'");
                }
            };
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("unexpected word; expected " + word);
            }
            pos += word.length();
            return value;
        }

        private Map<String, Object> object(int depth) {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a string key");
                }
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                map.put(key, value(depth + 1));
                skipSpace();
                char c = peek();
                pos++;
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}' in an object");
                }
            }
        }

        private List<Object> array(int depth) {
            List<Object> list = new ArrayList<>();
            pos++;
            skipSpace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                skipSpace();
                list.add(value(depth + 1));
                skipSpace();
                char c = peek();
                pos++;
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or ']' in an array");
                }
            }
        }

        private char peek() {
            if (pos >= text.length()) {
                throw error("the text ended too early");
            }
            return text.charAt(pos);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private String string() {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = peek();
                pos++;
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    pos--;
                    throw error("control character inside a string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = peek();
                pos++;
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("incomplete \\u escape");
                        }
                        try {
                            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> {
                        pos--;
                        throw error("unknown escape \\" + e);
                    }
                }
            }
        }

        private Object number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            digits();
            boolean integral = true;
            if (pos < text.length() && text.charAt(pos) == '.') {
                integral = false;
                pos++;
                digits();
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                integral = false;
                pos++;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    pos++;
                }
                digits();
            }
            String literal = text.substring(start, pos);
            if (integral) {
                BigInteger big = new BigInteger(literal);
                return big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big);
            }
            return new BigDecimal(literal);
        }

        private void digits() {
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
                pos++;
            }
            if (pos == start) {
                throw error("expected a digit");
            }
        }
    }
}
