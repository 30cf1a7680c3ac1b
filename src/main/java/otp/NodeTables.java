package otp;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every table the node keeps, emptied at once: registered and global names, registries, topics,
 * pending timers, trace subscribers, and what the framework's other packages keep ({@link
 * #atClear}: the page's router, live views, open repos and so their in-memory databases). After
 * {@link #clear()} the node's tables are as they were when it booted, which is what Erlang's
 * {@code :init.restart/0} gives before it boots the node's applications again.
 *
 * <p>Unlike {@code :init.restart/0} it does not take the processes down: the framework keeps no
 * list of live processes (spawning stays cheap), so the caller, which knows them (the runner's
 * worker observes every spawn), kills them first. The runner restarts a learner's worker this way
 * between two lesson pages, so the next page starts on a fresh node without a fresh JVM. Learner
 * code has no use for it.
 */
public final class NodeTables {
    private static final List<Runnable> CLEANUPS = new CopyOnWriteArrayList<>();

    private NodeTables() {
    }

    /**
     * Registers what a package outside {@code otp} empties on {@link #clear()}; its classes call
     * this once, when they are initialised.
     */
    public static void atClear(Runnable cleanup) {
        CLEANUPS.add(Objects.requireNonNull(cleanup, "cleanup must not be null"));
    }

    /** Empties every table of the node; call it once every process is gone. */
    public static void clear() {
        Timers.clear();
        for (Runnable cleanup : CLEANUPS) {
            try {
                cleanup.run();
            } catch (RuntimeException failed) {
                Log.warning("a table could not be emptied: " + Log.describe(failed));
            }
        }
        Names.clear();
        Global.clear();
        Registry.clear();
        PubSub.clear();
        Trace.clear();
        Log.reset();
    }
}
