package otplab.cli;

import java.util.List;
import java.util.Objects;

/**
 * What {@code ./otplab check} proves, as groups of named items. The exercises contribute one
 * suite; lessons plug in another suite the same way.
 */
final class Check {
    private Check() {}

    /** A group of items, such as "exercises" or "lessons". */
    interface Suite {
        String name();

        /** The items to run; listing them must be quick, running them may be slow. */
        List<Item> items();

        /** How many of this suite's items may run at the same time; 1 runs them one after another. */
        default int parallelism() {
            return 1;
        }
    }

    /** One thing to prove; {@code run} never throws for a failed proof, it returns the failure. */
    record Item(String label, Proof proof) {
        Item {
            Objects.requireNonNull(label, "label must not be null");
            Objects.requireNonNull(proof, "proof must not be null");
        }
    }

    @FunctionalInterface
    interface Proof {
        Outcome run();
    }

    record Outcome(boolean ok, String detail) {
        static Outcome ok(String detail) {
            return new Outcome(true, detail);
        }

        static Outcome failed(String detail) {
            return new Outcome(false, detail);
        }
    }
}
