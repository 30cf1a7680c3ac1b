package otplab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap in use after full collections: the live bytes a population of processes holds. */
public final class Heap {
    private static final int MAX_COLLECTIONS = 3;
    private static final double SETTLED = 0.005;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private Heap() {}

    /** Collects until the used heap stops shrinking by more than half a percent, then reads it. */
    public static long usedAfterGc() {
        long previous = Long.MAX_VALUE;
        long used = MEMORY.getHeapMemoryUsage().getUsed();
        for (int i = 0; i < MAX_COLLECTIONS; i++) {
            System.gc();
            used = MEMORY.getHeapMemoryUsage().getUsed();
            if (previous != Long.MAX_VALUE && previous - used < previous * SETTLED) {
                break;
            }
            previous = used;
        }
        return used;
    }
}
