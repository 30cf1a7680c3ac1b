package otplab.runner;

import java.time.Duration;
import java.util.Arrays;

/** The durations of the last runs, for the wait a queued run is told to expect. */
final class RecentRuns {
    /** Enough to follow a class's pace, few enough to follow it when it changes. */
    static final int KEPT = 64;
    /** What a run is assumed to take before any has finished: a lesson cell on a warm worker, with room. */
    static final Duration FIRST_GUESS = Duration.ofSeconds(1);

    private final long[] millis = new long[KEPT];
    private int count;
    private int next;

    synchronized void record(Duration took) {
        millis[next] = Math.max(1, took.toMillis());
        next = (next + 1) % KEPT;
        count = Math.min(KEPT, count + 1);
    }

    /** The median of the recent runs, or {@link #FIRST_GUESS} before any. */
    synchronized Duration typical() {
        if (count == 0) {
            return FIRST_GUESS;
        }
        long[] sorted = Arrays.copyOf(millis, count);
        Arrays.sort(sorted);
        return Duration.ofMillis(sorted[count / 2]);
    }

    /** The wait at {@code position} when {@code parallel} runs go at once, each taking a typical run. */
    Duration estimate(int position, int parallel) {
        long rounds = (position + Math.max(1, parallel) - 1) / Math.max(1, parallel);
        return typical().multipliedBy(rounds);
    }
}
