package otplab.web;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Escaping for text placed into HTML pages. */
public final class Html {
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    private Html() {}

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
