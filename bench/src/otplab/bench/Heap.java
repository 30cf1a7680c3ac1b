package otplab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap in use after a full collection: the live bytes a population of processes holds.
 * One {@code System.gc()} is a full, compacting collection under G1 (unless
 * {@code -XX:+ExplicitGCInvokesConcurrent}), so a second adds seconds with a million processes
 * alive and changes the figure by well under a percent.
 */
public final class Heap {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private Heap() {}

    public static long usedAfterGc() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
