package otplab.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The options of the {@code class} suite: how many learners, for how long, against which server.
 *
 * @param learners simulated learners, each with a browser of its own
 * @param duration how long learners keep starting new work (runs in flight then finish)
 * @param url a running server to load; empty means the suite starts {@code ./otplab serve} itself
 * @param seed the seed of every learner's think times and choices, so two runs draw the same class
 */
public record ClassSettings(int learners, Duration duration, Optional<URI> url, long seed) {
    static final String LEARNERS = "--learners";
    static final String MINUTES = "--minutes";
    static final String URL = "--url";
    static final String SEED = "--seed";
    static final int DEFAULT_LEARNERS = 20;
    static final double DEFAULT_MINUTES = 3;
    static final int QUICK_LEARNERS = 2;
    static final double QUICK_MINUTES = 0.5;
    static final long DEFAULT_SEED = 15;
    static final int MAX_LEARNERS = 1000;
    static final double MAX_MINUTES = 600;
    /** Learners arrive over the first 30 s, as a class does when the teacher says "open lesson 3". */
    static final Duration ARRIVALS = Duration.ofSeconds(30);

    public ClassSettings {
        if (learners < 1 || learners > MAX_LEARNERS) {
            throw new IllegalArgumentException(LEARNERS + " must be a whole number from 1 to " + MAX_LEARNERS + ", was " + learners);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(MINUTES + " must be more than 0");
        }
    }

    /** The settings the command line gives, with {@code --quick} meaning 2 learners for half a minute unless said otherwise. */
    static ClassSettings from(BenchContext context) {
        int learners = context.option(LEARNERS).map(v -> whole(LEARNERS, v))
                .orElse(context.quick() ? QUICK_LEARNERS : DEFAULT_LEARNERS);
        double minutes = context.option(MINUTES).map(ClassSettings::minutes).orElse(context.quick() ? QUICK_MINUTES : DEFAULT_MINUTES);
        Optional<URI> url = context.option(URL).map(ClassSettings::url);
        long seed = context.option(SEED).map(v -> (long) whole(SEED, v)).orElse(DEFAULT_SEED);
        return new ClassSettings(learners, Duration.ofMillis(Math.round(minutes * 60_000)), url, seed);
    }

    /** Over how long learners arrive: the first 30 s, or the first third of a shorter class. */
    Duration arrivals() {
        Duration third = duration.dividedBy(3);
        return third.compareTo(ARRIVALS) < 0 ? third : ARRIVALS;
    }

    double minutes() {
        return duration.toMillis() / 60_000.0;
    }

    String describe() {
        return String.format(Locale.ROOT, "%d learner%s for %s min, arriving over %d s, seed %d, %s", learners,
                learners == 1 ? "" : "s", Format.number(minutes()), arrivals().toSeconds(), seed,
                url.map(u -> "against " + u).orElse("against a fresh ./otplab serve"));
    }

    private static int whole(String option, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException notWhole) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + value + "'");
        }
    }

    private static double minutes(String value) {
        double minutes;
        try {
            minutes = Double.parseDouble(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(MINUTES + " must be a number of minutes such as 3 or 0.5, was '" + value + "'");
        }
        if (!(minutes > 0 && minutes <= MAX_MINUTES)) {
            throw new IllegalArgumentException(MINUTES + " must be more than 0 and at most " + (int) MAX_MINUTES + ", was " + value);
        }
        return minutes;
    }

    private static URI url(String value) {
        URI uri;
        try {
            uri = URI.create(value.strip().endsWith("/") ? value.strip() : value.strip() + "/");
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException(URL + " must be a server address such as http://127.0.0.1:7070, was '" + value + "'");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(URL + " must be a server address such as http://127.0.0.1:7070, was '" + value + "'");
        }
        return uri;
    }
}
