package otp.web;

import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML templates that escape every interpolated value by default, like HEEx in Phoenix.
 *
 * <p>A template is a string with {@code {name}} placeholders (dotted paths such as
 * {@code {user.name}} read map keys and record components). Each value is escaped unless it is
 * already {@link Safe} HTML, which only {@link #raw(String)}, {@link #render} and
 * {@link #each} produce.
 *
 * <pre>{@code
 * ~H"<p>Hello {@name}</p>"                       Html.render("<p>Hello {name}</p>", assigns)
 * Phoenix.HTML.raw("<b>trusted</b>")            Html.raw("<b>trusted</b>")
 * Phoenix.HTML.html_escape(text)                Html.escape(text)
 * for u <- @users do ... end                    Html.each(users, u -> Html.render("<li>{name}</li>", u))
 * }</pre>
 */
public final class Html {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)}");

    private Html() {}

    /** Markup that is already safe to send: rendered templates and values passed through {@link #raw}. */
    public record Safe(String html) {
        public Safe {
            Objects.requireNonNull(html, "html must not be null");
        }

        @Override
        public String toString() {
            return html;
        }
    }

    /** Thrown when a template names an assign that is not there, so a typo shows up at once. */
    public static final class MissingAssignException extends RuntimeException {
        MissingAssignException(String message) {
            super(message);
        }
    }

    /** Escapes {@code & < > " '} so text shows as text in HTML. {@code null} becomes the empty string. */
    public static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Marks trusted markup as safe; never pass text that came from a user. */
    public static Safe raw(String html) {
        return new Safe(html);
    }

    /**
     * Fills the template's placeholders from {@code assigns} (a {@code Map} or a record), escaping
     * each value unless it is {@link Safe}.
     */
    public static Safe render(String template, Object assigns) {
        Objects.requireNonNull(template, "template must not be null");
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 32);
        while (m.find()) {
            Object value = lookup(assigns, m.group(1));
            String text = value instanceof Safe safe ? safe.html() : escape(value);
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return new Safe(out.toString());
    }

    /** Renders each item with {@code fn} and joins the results, like a {@code for} comprehension in HEEx. */
    public static <T> Safe each(Iterable<T> items, Function<? super T, Safe> fn) {
        StringBuilder out = new StringBuilder();
        for (T item : items) {
            out.append(fn.apply(item).html());
        }
        return new Safe(out.toString());
    }

    private static Object lookup(Object assigns, String path) {
        Object current = assigns;
        for (String key : path.split("\\.")) {
            current = field(current, key, path);
        }
        return current;
    }

    private static Object field(Object holder, String key, String path) {
        switch (holder) {
            case Map<?, ?> map -> {
                if (!map.containsKey(key)) {
                    throw new MissingAssignException("the template uses {" + path + "} but there is no assign '"
                            + key + "'; known: " + map.keySet());
                }
                return map.get(key);
            }
            case Record record -> {
                for (RecordComponent c : record.getClass().getRecordComponents()) {
                    if (c.getName().equals(key)) {
                        try {
                            return Records.read(c, record);
                        } catch (ReflectiveOperationException e) {
                            throw new MissingAssignException("cannot read " + key + " of "
                                    + record.getClass().getSimpleName() + ": make the record public or pass a Map");
                        }
                    }
                }
                throw new MissingAssignException("the template uses {" + path + "} but "
                        + record.getClass().getSimpleName() + " has no component '" + key + "'");
            }
            case null -> throw new MissingAssignException("the template uses {" + path + "} but '" + key
                    + "' is read from a null value");
            default -> throw new MissingAssignException("the template uses {" + path + "} but a "
                    + holder.getClass().getSimpleName() + " has no fields to read; use a Map or a record");
        }
    }
}
