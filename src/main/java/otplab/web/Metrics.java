package otplab.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The server's figures for {@code GET /metrics}, in Prometheus' text exposition format (version
 * 0.0.4): counters, histograms and gauges read when scraped. One registry per server; features
 * register what they count through {@link ServerContext#metrics()}.
 *
 * <pre>{@code
 * Metrics.Counter runs = metrics.counter("otplab_runs_total", "Runs finished, by status.", "status");
 * runs.inc("ok");
 * }</pre>
 */
public final class Metrics {
    /** Seconds; from a warm println (~20 ms) to the longest run a cell may ask for (120 s). */
    public static final List<Double> LATENCY_BUCKETS = List.of(0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 120.0);
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final ConcurrentMap<String, Family> families = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();

    /** One named metric with its HELP and TYPE lines. */
    private sealed interface Family permits Counter, Histogram, Gauge {
        String help();

        String type();

        void write(String name, StringBuilder out);
    }

    /** A count that only goes up, optionally split by one label. */
    public static final class Counter implements Family {
        private final String help;
        private final String label;
        private final ConcurrentMap<String, LongAdder> values = new ConcurrentHashMap<>();

        private Counter(String help, String label) {
            this.help = help;
            this.label = label;
        }

        /** Adds one (for a counter without a label). */
        public void inc() {
            inc("");
        }

        /** Adds one under {@code labelValue}. */
        public void inc(String labelValue) {
            values.computeIfAbsent(Objects.requireNonNull(labelValue, "labelValue must not be null"), v -> new LongAdder()).increment();
        }

        /** The count under {@code labelValue} (empty for a counter without a label). */
        public long get(String labelValue) {
            LongAdder adder = values.get(labelValue);
            return adder == null ? 0 : adder.sum();
        }

        @Override
        public String help() {
            return help;
        }

        @Override
        public String type() {
            return "counter";
        }

        @Override
        public void write(String name, StringBuilder out) {
            if (label == null) {
                sample(out, name, "", get(""));
                return;
            }
            new TreeMap<>(values).forEach((value, adder) -> sample(out, name, labels(label, value), adder.sum()));
        }
    }

    /** Durations counted into cumulative buckets, with their sum and count. */
    public static final class Histogram implements Family {
        private final String help;
        private final List<Double> bounds;
        private final LongAdder[] buckets;
        private final LongAdder count = new LongAdder();
        private final DoubleAdder sum = new DoubleAdder();

        private Histogram(String help, List<Double> bounds) {
            this.help = help;
            this.bounds = List.copyOf(bounds);
            this.buckets = new LongAdder[bounds.size()];
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        public void observe(Duration duration) {
            double seconds = duration.toNanos() / 1e9;
            for (int i = 0; i < bounds.size(); i++) {
                if (seconds <= bounds.get(i)) {
                    buckets[i].increment();
                }
            }
            sum.add(seconds);
            count.increment();
        }

        public long count() {
            return count.sum();
        }

        @Override
        public String help() {
            return help;
        }

        @Override
        public String type() {
            return "histogram";
        }

        @Override
        public void write(String name, StringBuilder out) {
            for (int i = 0; i < bounds.size(); i++) {
                sample(out, name + "_bucket", labels("le", number(bounds.get(i))), buckets[i].sum());
            }
            long total = count.sum();
            sample(out, name + "_bucket", labels("le", "+Inf"), total);
            out.append(name).append("_sum ").append(number(sum.sum())).append('\n');
            sample(out, name + "_count", "", total);
        }
    }

    /** A figure read when scraped, optionally one sample per label value. */
    private record Gauge(String help, String label, Supplier<Map<String, ? extends Number>> read) implements Family {
        @Override
        public String type() {
            return "gauge";
        }

        @Override
        public void write(String name, StringBuilder out) {
            new TreeMap<>(read.get()).forEach((value, figure) ->
                    out.append(name).append(label == null ? "" : labels(label, value)).append(' ')
                            .append(number(figure.doubleValue())).append('\n'));
        }
    }

    /** A counter without labels. */
    public Counter counter(String name, String help) {
        return register(name, new Counter(help, null));
    }

    /** A counter split by {@code label}. */
    public Counter counter(String name, String help, String label) {
        return register(name, new Counter(help, validLabel(label)));
    }

    /** A histogram of durations over {@code bucketsSeconds} (upper bounds, ascending). */
    public Histogram histogram(String name, String help, List<Double> bucketsSeconds) {
        for (int i = 1; i < bucketsSeconds.size(); i++) {
            if (bucketsSeconds.get(i) <= bucketsSeconds.get(i - 1)) {
                throw new IllegalArgumentException("histogram buckets of " + name + " must ascend");
            }
        }
        return register(name, new Histogram(help, bucketsSeconds));
    }

    /** A gauge read from {@code value} at each scrape. */
    public void gauge(String name, String help, Supplier<? extends Number> value) {
        Objects.requireNonNull(value, "value must not be null");
        register(name, new Gauge(help, null, () -> Map.of("", value.get())));
    }

    /** A gauge with one sample per value of {@code label}, read at each scrape. */
    public void gauge(String name, String help, String label, Supplier<Map<String, ? extends Number>> values) {
        register(name, new Gauge(help, validLabel(label), Objects.requireNonNull(values, "values must not be null")));
    }

    private <F extends Family> F register(String name, F family) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(family.help(), "help must not be null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a metric name");
        }
        if (families.putIfAbsent(name, family) != null) {
            throw new IllegalArgumentException("the metric " + name + " is already registered");
        }
        order.add(name);
        return family;
    }

    private static String validLabel(String label) {
        if (label == null || !LABEL.matcher(label).matches() || label.startsWith("__")) {
            throw new IllegalArgumentException("'" + label + "' is not a label name");
        }
        return label;
    }

    /** Every metric in registration order, in the text format. */
    public String scrape() {
        StringBuilder out = new StringBuilder();
        for (String name : order) {
            Family family = families.get(name);
            out.append("# HELP ").append(name).append(' ').append(family.help().replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(family.type()).append('\n');
            family.write(name, out);
        }
        return out.toString();
    }

    private static void sample(StringBuilder out, String name, String labels, long value) {
        out.append(name).append(labels).append(' ').append(value).append('\n');
    }

    private static String labels(String label, String value) {
        return "{" + label + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"}";
    }

    private static String number(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }
}
