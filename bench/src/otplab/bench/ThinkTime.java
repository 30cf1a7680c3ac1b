package otplab.bench;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A learner's pause before the next action: a floor (reading the cell, moving the mouse) plus an
 * exponential tail, so most pauses are short and a few are long, as when people read and type at
 * their own pace. The mean of the whole is {@code mean}.
 */
public record ThinkTime(Duration mean, Duration minimum) {

    public ThinkTime {
        Objects.requireNonNull(mean, "mean must not be null");
        Objects.requireNonNull(minimum, "minimum must not be null");
        if (minimum.isNegative() || mean.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("a think time needs 0 <= minimum <= mean, was minimum " + minimum + ", mean " + mean);
        }
    }

    /** One pause: the minimum plus an exponential draw whose mean is the rest of {@code mean}. */
    public Duration next(RandomGenerator random) {
        long tailMillis = mean.minus(minimum).toMillis();
        double tail = tailMillis == 0 ? 0 : random.nextExponential() * tailMillis;
        return minimum.plusMillis(Math.round(tail));
    }
}
