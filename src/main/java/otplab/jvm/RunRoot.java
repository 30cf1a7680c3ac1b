package otplab.jvm;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * The folder under /tmp that holds the control folders of one owner's workers (a runner, a
 * grader). Each owner gets its own, so one closing never pulls the folder from under another
 * in the same JVM, and removes it when it closes: a day of gradings leaves nothing in /tmp.
 */
public final class RunRoot {
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private RunRoot() {}

    /** A fresh path such as {@code /tmp/otplab-grader-4711-3}; the first worker start creates it. */
    public static Path allocate(String owner) {
        return Path.of("/tmp", "otplab-" + owner + "-" + ProcessHandle.current().pid() + "-" + SERIAL.incrementAndGet());
    }

    /** Removes the folder once its workers are gone; one still in use (a worker still ending) is left alone. */
    public static void remove(Path root) {
        try {
            Files.deleteIfExists(root);
        } catch (DirectoryNotEmptyException stillInUse) {
            // A worker's control folder is still there; /tmp's own cleaning takes it later.
        } catch (IOException e) {
            LoggerFactory.getLogger(RunRoot.class).debug("could not remove {}: {}", root, e.toString());
        }
    }
}
