package otp;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where the runtime reports crashes, like OTP's logger: one readable line per event, never a stack
 * trace. By default lines go to standard error; {@link #setHandler} redirects them (tests, the browser).
 */
public final class Log {
    private static final Consumer<String> STDERR = line -> System.err.println(line);
    private static volatile Consumer<String> handler = STDERR;

    private Log() {
    }

    public static void setHandler(Consumer<String> newHandler) {
        handler = Objects.requireNonNull(newHandler, "handler must not be null");
    }

    /** Sends reports back to standard error. */
    public static void reset() {
        handler = STDERR;
    }

    public static void error(String line) {
        try {
            handler.accept("[error] " + line);
        } catch (RuntimeException ignored) {
            // A broken log handler must never take a process down with it.
        }
    }

    public static void warning(String line) {
        try {
            handler.accept("[warning] " + line);
        } catch (RuntimeException ignored) {
            // Same as error: logging is best effort.
        }
    }

    /** One line for an exception: its class, message and the first frame of code that threw it. */
    static String describe(Throwable t) {
        StringBuilder text = new StringBuilder("** (").append(t.getClass().getSimpleName()).append(')');
        if (t.getMessage() != null) {
            text.append(' ').append(t.getMessage());
        }
        StackTraceElement[] frames = t.getStackTrace();
        if (frames.length > 0) {
            StackTraceElement top = frames[0];
            text.append(" (at ").append(top.getClassName().substring(top.getClassName().lastIndexOf('.') + 1))
                    .append('.').append(top.getMethodName());
            if (top.getLineNumber() > 0) {
                text.append(':').append(top.getLineNumber());
            }
            text.append(')');
        }
        return text.toString();
    }
}
