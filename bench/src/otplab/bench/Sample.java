package otplab.bench;

import java.util.Arrays;
import java.util.Objects;

/** Measured values of one figure (one per round, or one per operation); sorted on creation. */
public record Sample(double[] values) {

    public Sample {
        Objects.requireNonNull(values, "values must not be null");
        if (values.length == 0) {
            throw new IllegalArgumentException("a sample needs at least one value");
        }
        values = values.clone();
        Arrays.sort(values);
    }

    public static Sample of(double... values) {
        return new Sample(values);
    }

    public static Sample ofNanos(long[] nanos) {
        return new Sample(Arrays.stream(nanos).asDoubleStream().toArray());
    }

    public double median() {
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** The nearest-rank percentile: the smallest value with at least {@code p}% of values at or below it. */
    public double percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        int rank = (int) Math.ceil(p / 100 * values.length);
        return values[Math.max(rank, 1) - 1];
    }

    public double min() {
        return values[0];
    }

    public double max() {
        return values[values.length - 1];
    }

    public int size() {
        return values.length;
    }

    /** The sample with every value mapped, e.g. nanoseconds to microseconds. */
    public Sample scaled(double factor) {
        return new Sample(Arrays.stream(values).map(v -> v * factor).toArray());
    }
}
