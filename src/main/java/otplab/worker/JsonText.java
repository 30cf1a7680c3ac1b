package otplab.worker;

/** A small JSON writer: the worker's classpath holds no JSON library, and the observer needs only objects of strings, numbers and arrays. */
final class JsonText {
    private final StringBuilder out = new StringBuilder(256);
    private boolean first = true;

    JsonText open(char bracket) {
        comma();
        out.append(bracket);
        first = true;
        return this;
    }

    JsonText close(char bracket) {
        out.append(bracket);
        first = false;
        return this;
    }

    JsonText key(String name) {
        comma();
        quote(name);
        out.append(':');
        first = true;
        return this;
    }

    JsonText value(String text) {
        comma();
        if (text == null) {
            out.append("null");
        } else {
            quote(text);
        }
        return this;
    }

    JsonText value(long number) {
        comma();
        out.append(number);
        return this;
    }

    JsonText value(boolean flag) {
        comma();
        out.append(flag);
        return this;
    }

    JsonText field(String name, String text) {
        return key(name).value(text);
    }

    JsonText field(String name, long number) {
        return key(name).value(number);
    }

    JsonText field(String name, boolean flag) {
        return key(name).value(flag);
    }

    private void comma() {
        if (!first) {
            out.append(',');
        }
        first = false;
    }

    private void quote(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !validSurrogate(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    @Override public String toString() {
        return out.toString();
    }
}
