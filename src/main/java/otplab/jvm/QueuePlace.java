package otplab.jvm;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a waiting run stands: {@code position} 1 is served next; {@code waiting} counts every run
 * in the same line, this one included; {@code estimate} is how long it will likely wait, from the
 * durations of recent runs ({@link Duration#ZERO} until someone knows better); {@code ownLine}
 * when the line is the learner's own, behind their other runs, not the line for a worker.
 */
public record QueuePlace(int position, int waiting, Duration estimate, boolean ownLine) {
    public QueuePlace {
        if (position < 1 || waiting < position) {
            throw new IllegalArgumentException("a place is from 1 to the number waiting");
        }
        Objects.requireNonNull(estimate, "estimate must not be null");
    }

    /** A place whose wait nobody has estimated yet. */
    public static QueuePlace of(int position, int waiting) {
        return new QueuePlace(position, waiting, Duration.ZERO, false);
    }

    public QueuePlace withEstimate(Duration value) {
        return new QueuePlace(position, waiting, value, ownLine);
    }

    /** The same place, in the learner's own line. */
    public QueuePlace inOwnLine() {
        return new QueuePlace(position, waiting, estimate, true);
    }

    /** The estimate in whole seconds, at least 1: what {@code Retry-After} and the page show. */
    public long estimateSeconds() {
        return Math.max(1, (estimate.toMillis() + 999) / 1000);
    }

    /** "3rd in line, about 4 s": for a learner reading a page or an error. */
    public String inWords() {
        return ordinal(position) + " in line, about " + estimateSeconds() + " s";
    }

    private static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
