package otplab.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Small timing and checking helpers shared by the contenders. */
final class Loops {
    /** No single measured step of a healthy run comes near this; past it the run is broken, not slow. */
    static final long MAX_WAIT_SECONDS = 120;
    private static final int BATCH = 1_000;

    private Loops() {}

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** How many operations took how long. */
    record Rate(long operations, long nanos) {
        double nanosPerOperation() {
            return (double) nanos / operations;
        }
    }

    /** Repeats {@code step} in batches until at least {@code minNanos} have passed. */
    static Rate repeat(long minNanos, Step step) throws Exception {
        long operations = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            for (int i = 0; i < BATCH; i++) {
                step.run();
            }
            operations += BATCH;
            elapsed = System.nanoTime() - start;
        } while (elapsed < minNanos);
        return new Rate(operations, elapsed);
    }

    /** A wrong answer makes every figure of the run meaningless, so it stops the suite. */
    static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }

    /** Runs {@code body} in a fresh virtual thread, so the measured caller is a process like the ones it talks to. */
    static <T> T inVirtualThread(Callable<T> body) throws Exception {
        var result = new CompletableFuture<T>();
        Thread.startVirtualThread(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return await(result);
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
