package otplab.bench;

/**
 * One process system measured by {@link FrameworkBench}: OTP Lab, Pekko, or the naive
 * virtual-thread baseline. Every method does the same work for each contender, so the
 * figures compare like with like.
 */
interface Contender {

    String name();

    /** Synchronous request/reply round trips from a caller that is itself a process, looping for at least {@code minNanos}. */
    Loops.Rate calls(long minNanos) throws Exception;

    /** Nanoseconds for one sender to send {@code messages} one-way messages and learn that the receiver handled them all. */
    long castNanos(int messages) throws Exception;

    /** Spawns {@code count} processes that each wait for a message; returns once all have started. */
    Population spawnWaiting(int count) throws Exception;

    /** A supervised child that can be crashed and called again. */
    Restarts supervisedChild() throws Exception;

    /** {@code size} processes, each passing a token to the next, the last to the first. */
    Ring ring(int size) throws Exception;

    void close() throws Exception;

    /** Processes that are all alive and waiting; closing ends them and waits until they are gone. */
    interface Population {
        void close() throws Exception;
    }

    interface Restarts {
        /** Each value: nanoseconds from sending the crash to the restarted child's answer to a call. */
        long[] crashAndCallAgain(int times) throws Exception;

        void close() throws Exception;
    }

    interface Ring {
        /** Nanoseconds for a token to travel round the ring {@code laps} times. */
        long lapsNanos(int laps) throws Exception;

        void close() throws Exception;
    }
}
