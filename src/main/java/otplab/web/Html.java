package otplab.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Escaping for text placed into HTML pages. */
public final class Html {
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    private Html() {}

    /** Escapes text for element content and double-quoted attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escapes a message and shows its {@code `backticked`} parts as code. */
    public static String message(String text) {
        Matcher m = BACKTICKED.matcher(escape(text));
        return m.replaceAll(r -> "<code>" + Matcher.quoteReplacement(r.group(1)) + "</code>");
    }
}
