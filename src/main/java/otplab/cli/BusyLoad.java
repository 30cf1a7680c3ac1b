package otplab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Threads that keep cores busy with arithmetic until closed: the loaded server a learner's
 * grading may meet, made on purpose for {@code check --stress}.
 */
final class BusyLoad implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    private BusyLoad(int threadCount) {
        for (int i = 0; i < threadCount; i++) {
            threads.add(Thread.ofPlatform().daemon().name("otplab-busy-" + i).start(this::spin));
        }
    }

    /** One busy thread per core the JVM sees. */
    static BusyLoad onEveryCore() {
        return new BusyLoad(Runtime.getRuntime().availableProcessors());
    }

    int threads() {
        return threads.size();
    }

    private void spin() {
        long x = Thread.currentThread().threadId();
        while (running.get()) {
            for (int i = 0; i < 100_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        // Keeps the loop from being compiled away: its result is used.
        if (x == 42) {
            Thread.yield();
        }
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
