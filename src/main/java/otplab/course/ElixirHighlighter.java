package otplab.course;

import java.util.Set;

/**
 * Turns Elixir source into HTML with {@code <span class="hl-...">} tokens. Done once on the
 * server when a lesson is parsed, so pages need no script to show the Elixir side.
 */
public final class ElixirHighlighter {
    private static final Set<String> KEYWORDS = Set.of("def", "defp", "defmodule", "defmacro", "defmacrop",
            "defstruct", "defimpl", "defprotocol", "defguard", "defdelegate", "defexception", "do", "end", "fn",
            "case", "cond", "with", "when", "if", "else", "unless", "receive", "after", "try", "rescue", "catch",
            "raise", "reraise", "throw", "use", "import", "alias", "require", "quote", "unquote", "for", "in",
            "not", "and", "or");
    private static final Set<String> CONSTANTS = Set.of("true", "false", "nil");

    private ElixirHighlighter() {}

    public static String toHtml(String source) {
        StringBuilder out = new StringBuilder(source.length() * 2);
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            int end;
            if (c == '#') {
                end = lineEnd(source, i);
                span(out, "hl-comment", source, i, end);
            } else if (source.startsWith("\"\"\"", i)) {
                int close = source.indexOf("\"\"\"", i + 3);
                end = close < 0 ? n : close + 3;
                span(out, "hl-string", source, i, end);
            } else if (c == '"' || c == '\'') {
                end = quoted(source, i, c);
                span(out, "hl-string", source, i, end);
            } else if (c == '~' && i + 2 < n && Character.isLetter(source.charAt(i + 1))) {
                end = sigil(source, i);
                span(out, "hl-string", source, i, end);
            } else if (c == ':' && i + 1 < n && source.charAt(i + 1) != ':' && (i == 0 || source.charAt(i - 1) != ':')
                    && (isIdentStart(source.charAt(i + 1)) || source.charAt(i + 1) == '"')) {
                end = source.charAt(i + 1) == '"' ? quoted(source, i + 1, '"') : identEnd(source, i + 1);
                span(out, "hl-atom", source, i, end);
            } else if (c == '@' && i + 1 < n && Character.isLowerCase(source.charAt(i + 1))) {
                end = identEnd(source, i + 1);
                span(out, "hl-attr", source, i, end);
            } else if (Character.isDigit(c)) {
                end = i;
                while (end < n && (Character.isLetterOrDigit(source.charAt(end)) || source.charAt(end) == '_'
                        || (source.charAt(end) == '.' && end + 1 < n && Character.isDigit(source.charAt(end + 1))))) {
                    end++;
                }
                span(out, "hl-number", source, i, end);
            } else if (Character.isUpperCase(c)) {
                end = identEnd(source, i);
                span(out, "hl-module", source, i, end);
            } else if (isIdentStart(c)) {
                end = identEnd(source, i);
                String word = source.substring(i, end);
                boolean keywordKey = end + 1 < n && source.charAt(end) == ':' && source.charAt(end + 1) == ' ';
                if (keywordKey) {
                    span(out, "hl-atom", source, i, end + 1);
                    end++;
                } else if (KEYWORDS.contains(word)) {
                    span(out, "hl-keyword", source, i, end);
                } else if (CONSTANTS.contains(word)) {
                    span(out, "hl-atom", source, i, end);
                } else {
                    escape(out, source, i, end);
                }
            } else {
                end = i + 1;
                escape(out, source, i, end);
            }
            i = end;
        }
        return out.toString();
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static int identEnd(String s, int from) {
        int i = from;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        if (i < s.length() && (s.charAt(i) == '?' || s.charAt(i) == '!')) {
            i++;
        }
        return i;
    }

    private static int lineEnd(String s, int from) {
        int nl = s.indexOf('\n', from);
        return nl < 0 ? s.length() : nl;
    }

    private static int quoted(String s, int from, char quote) {
        int i = from + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n') {
                return i;
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static int sigil(String s, int from) {
        int open = from + 2;
        char opener = s.charAt(open);
        char closer = switch (opener) {
            case '(' -> ')';
            case '[' -> ']';
            case '{' -> '}';
            case '<' -> '>';
            default -> opener;
        };
        if (Character.isLetterOrDigit(opener) || Character.isWhitespace(opener)) {
            return from + 1;
        }
        int close = s.indexOf(closer, open + 1);
        int end = close < 0 ? lineEnd(s, open) : close + 1;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static void span(StringBuilder out, String cssClass, String s, int from, int to) {
        out.append("<span class=\"").append(cssClass).append("\">");
        escape(out, s, from, to);
        out.append("</span>");
    }

    private static void escape(StringBuilder out, String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
    }
}
