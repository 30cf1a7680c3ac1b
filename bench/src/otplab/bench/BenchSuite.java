package otplab.bench;

import java.util.Map;

/**
 * One benchmark suite of {@code ./otplab bench}. A suite is found by being a public concrete
 * class of package {@code otplab.bench} with a no-argument constructor that implements this
 * interface: adding the class is all it takes to join the run.
 */
public interface BenchSuite {

    /** Where a suite sorts when no order is asked for; earlier suites run first. */
    int DEFAULT_ORDER = 100;

    /** The name that selects this suite on the command line, e.g. {@code framework}. */
    String name();

    /** One line saying what the suite measures. */
    String summary();

    /** Measures and reports through {@code context}; an exception marks the suite as failed. */
    void run(BenchContext context) throws Exception;

    default int order() {
        return DEFAULT_ORDER;
    }

    /**
     * Options of this suite that take a value ({@code --learners 40}), by name with their leading
     * dashes, each with a line of help. The harness accepts them on its command line and hands
     * their values to every suite through {@link BenchContext#option}.
     */
    default Map<String, String> options() {
        return Map.of();
    }
}
