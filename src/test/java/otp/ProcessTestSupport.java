package otp;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives every test a fresh process for the test thread (ended with shutdown afterwards, which also
 * takes down whatever the test linked to it) and captures crash reports instead of printing them.
 */
final class ProcessTestSupport implements BeforeEachCallback, AfterEachCallback {
    static final List<String> LOG = new CopyOnWriteArrayList<>();

    @Override public void beforeEach(ExtensionContext context) {
        LOG.clear();
        Log.setHandler(LOG::add);
        Proc.releaseCurrent(Reason.SHUTDOWN);
    }

    @Override public void afterEach(ExtensionContext context) {
        Proc.releaseCurrent(Reason.SHUTDOWN);
        Log.reset();
    }

    /** Polls until condition holds, failing after two seconds. */
    static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not reached within 2 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** How long a test waits for a message: generous, since CI machines can be heavily loaded. */
    static final long PATIENCE_MS = 5_000;

    /** The next message, failing if none arrives within {@link #PATIENCE_MS}. */
    static Object next() {
        return Process.receive(PATIENCE_MS).orElseThrow(() -> new AssertionError("no message within " + PATIENCE_MS + " ms"));
    }

    static <T> T next(Class<T> type) {
        return Process.receive(type, PATIENCE_MS).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " within " + PATIENCE_MS + " ms"));
    }
}
