package otplab.web;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import otp.web.Html.Safe;

/**
 * The server's one way to write HTML: templates whose {@code {name}} placeholders are escaped
 * unless the value is already {@link Safe} markup. It is the framework's {@code otp.web.Html}, so
 * the server's pages follow the same rules as the pages learners write.
 *
 * <pre>{@code
 * Html.render("<li><a href=\"/exercises/{slug}\">{title}</a></li>", Map.of("slug", slug, "title", title))
 * }</pre>
 */
public final class Html {
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    private Html() {}

    /** Fills {@code template} from {@code assigns}, escaping every value that is not {@link Safe}. */
    public static Safe render(String template, Map<String, ?> assigns) {
        return otp.web.Html.render(template, assigns);
    }

    /** Renders each item and joins the results. */
    public static <T> Safe each(Iterable<T> items, Function<? super T, Safe> render) {
        return otp.web.Html.each(items, Objects.requireNonNull(render, "render must not be null"));
    }

    /** Markup we wrote ourselves; never text that came from a learner or an author. */
    public static Safe trusted(String html) {
        return otp.web.Html.raw(html);
    }

    /** Escapes text for element content and double-quoted attribute values (the same rules as learners' pages). */
    public static String escape(String text) {
        return otp.web.Html.escape(Objects.requireNonNull(text, "text must not be null"));
    }

    /** Escapes a message and shows its {@code `backticked`} parts as code. */
    public static String message(String text) {
        Matcher m = BACKTICKED.matcher(escape(text));
        return m.replaceAll(r -> "<code>" + Matcher.quoteReplacement(r.group(1)) + "</code>");
    }
}
