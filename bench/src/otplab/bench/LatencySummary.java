package otplab.bench;

import java.util.Collection;
import java.util.Locale;

/**
 * The figures a latency reports: how many, the median, the 95th percentile (nearest rank) and the
 * largest, in milliseconds; all {@code NaN} when nothing was measured.
 */
public record LatencySummary(int count, double p50, double p95, double max) {
    static final LatencySummary EMPTY = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN);

    public static LatencySummary of(Collection<Double> millis) {
        if (millis.isEmpty()) {
            return EMPTY;
        }
        Sample sample = Sample.of(millis.stream().mapToDouble(Double::doubleValue).toArray());
        return new LatencySummary(sample.size(), sample.median(), sample.percentile(95), sample.max());
    }

    /** {@code p50 / p95 / max} in seconds, for a table cell. */
    public String seconds() {
        if (count == 0) {
            return Format.NONE;
        }
        return String.format(Locale.ROOT, "%s / %s / %s s", Format.number(p50 / 1000), Format.number(p95 / 1000),
                Format.number(max / 1000));
    }
}
