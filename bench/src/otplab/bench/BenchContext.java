package otplab.bench;

import java.io.PrintStream;
import java.util.Objects;

/**
 * What a suite gets from the harness: where to print, and how hard to measure.
 * {@code quick} asks for few, short rounds (a smoke run that proves the suite works;
 * its figures are not for quoting).
 */
public record BenchContext(PrintStream out, boolean quick) {

    public BenchContext {
        Objects.requireNonNull(out, "out must not be null");
    }

    /** Prints a progress line, so a long suite shows it is alive. */
    public void progress(String line) {
        out.println("  .. " + line);
        out.flush();
    }
}
