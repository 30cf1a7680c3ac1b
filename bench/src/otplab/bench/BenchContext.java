package otplab.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * What a suite gets from the harness: where to print, and how hard to measure.
 * {@code quick} asks for few, short rounds (a smoke run that proves the suite works;
 * its figures are not for quoting).
 */
public final class BenchContext {
    private final PrintStream out;
    private final boolean quick;
    private final long startNanos = System.nanoTime();

    public BenchContext(PrintStream out, boolean quick) {
        this.out = Objects.requireNonNull(out, "out must not be null");
        this.quick = quick;
    }

    public PrintStream out() {
        return out;
    }

    public boolean quick() {
        return quick;
    }

    /** Prints a progress line stamped with the seconds since the suite started, so a long suite shows it is alive. */
    public void progress(String line) {
        out.printf(Locale.ROOT, "  .. %6.1f s  %s%n", (System.nanoTime() - startNanos) / 1e9, line);
        out.flush();
    }
}
