package otplab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry writes Prometheus' text format exactly: cumulative buckets, escaped labels, sorted label values. */
class MetricsFormatTest {
    @Test
    void writesCountersHistogramsAndGaugesInTheTextFormat() {
        Metrics metrics = new Metrics();
        Metrics.Counter runs = metrics.counter("runs_total", "Runs.", "status");
        runs.inc("ok");
        runs.inc("timeout");
        runs.inc("ok");
        Metrics.Histogram latency = metrics.histogram("run_seconds", "Latency.", List.of(0.1, 1.0));
        latency.observe(Duration.ofMillis(50));
        latency.observe(Duration.ofMillis(500));
        latency.observe(Duration.ofSeconds(3));
        metrics.gauge("queue", "Waiting.", () -> 4);
        metrics.gauge("workers", "Workers.", "state", () -> Map.of("idle", 2, "live", 3));
        assertEquals("""
                # HELP runs_total Runs.
                # TYPE runs_total counter
                runs_total{status="ok"} 2
                runs_total{status="timeout"} 1
                # HELP run_seconds Latency.
                # TYPE run_seconds histogram
                run_seconds_bucket{le="0.1"} 1
                run_seconds_bucket{le="1"} 2
                run_seconds_bucket{le="+Inf"} 3
                run_seconds_sum 3.55
                run_seconds_count 3
                # HELP queue Waiting.
                # TYPE queue gauge
                queue 4
                # HELP workers Workers.
                # TYPE workers gauge
                workers{state="idle"} 2
                workers{state="live"} 3
                """, metrics.scrape());
    }

    @Test
    void escapesQuotesAndBackslashesInLabelValues() {
        Metrics metrics = new Metrics();
        metrics.counter("c_total", "C.", "why").inc("a \"quoted\" \\ path");
        assertEquals("c_total{why=\"a \\\"quoted\\\" \\\\ path\"} 1", metrics.scrape().lines().toList().get(2));
    }

    @Test
    void refusesANameTakenTwiceOrNotAMetricName() {
        Metrics metrics = new Metrics();
        metrics.counter("same_total", "Once.");
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("same_total", "Twice."));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("not a name", "Bad."));
    }
}
