package otp;

/**
 * How a supervisor stops a child: {@link #BRUTAL_KILL} (exit kill at once), {@link #timeout(long)}
 * (exit shutdown, then kill if the child has not exited within the time) or {@link #INFINITY}
 * (exit shutdown and wait, the default for supervisor children).
 */
public sealed interface Shutdown {
    Shutdown BRUTAL_KILL = new BrutalKill();
    Shutdown INFINITY = new Infinity();
    /** Elixir's default for workers: 5000 ms. */
    long DEFAULT_WORKER_TIMEOUT_MS = 5000;

    static Shutdown timeout(long ms) {
        return new Timeout(ms);
    }

    record BrutalKill() implements Shutdown {}

    record Infinity() implements Shutdown {}

    record Timeout(long ms) implements Shutdown {
        public Timeout {
            if (ms < 0) {
                throw new IllegalArgumentException("a shutdown timeout must be 0 or more milliseconds, got " + ms);
            }
        }
    }
}
