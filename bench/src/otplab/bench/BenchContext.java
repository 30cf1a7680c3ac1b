package otplab.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a suite gets from the harness: where to print, how hard to measure, and the values of the
 * suite options given on the command line. {@code quick} asks for few, short rounds (a smoke run
 * that proves the suite works; its figures are not for quoting).
 */
public final class BenchContext {
    private final PrintStream out;
    private final boolean quick;
    private final Map<String, String> options;
    private final long startNanos = System.nanoTime();

    public BenchContext(PrintStream out, boolean quick) {
        this(out, quick, Map.of());
    }

    public BenchContext(PrintStream out, boolean quick, Map<String, String> options) {
        this.out = Objects.requireNonNull(out, "out must not be null");
        this.quick = quick;
        this.options = Map.copyOf(Objects.requireNonNull(options, "options must not be null"));
    }

    public PrintStream out() {
        return out;
    }

    public boolean quick() {
        return quick;
    }

    /** The value given for a suite option such as {@code --learners}, when it was given. */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** Prints a progress line stamped with the seconds since the suite started, so a long suite shows it is alive. */
    public void progress(String line) {
        out.printf(Locale.ROOT, "  .. %6.1f s  %s%n", (System.nanoTime() - startNanos) / 1e9, line);
        out.flush();
    }
}
