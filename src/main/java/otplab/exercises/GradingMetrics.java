package otplab.exercises;

import java.time.Duration;
import java.util.function.IntSupplier;
import otplab.jvm.ShuttingDownException;
import otplab.jvm.WorkersBusyException;
import otplab.web.Metrics;

/**
 * The exercise feature's figures on {@code /metrics}: gradings by status and their latency, and
 * the store's failures (a grading that could not be recorded, a history that could not be read).
 */
final class GradingMetrics {
    private final Metrics.Counter gradings;
    private final Metrics.Histogram latency;
    private final Metrics.Counter storeErrors;

    GradingMetrics(Metrics metrics, IntSupplier readySpares) {
        gradings = metrics.counter("otplab_gradings_total",
                "Gradings (Run tests and Submit) ended, by results status: pass, fail, error; busy/shutting_down when refused.",
                "status");
        latency = metrics.histogram("otplab_grading_duration_seconds",
                "Wall time of a grading from request to results, queue wait included.", Metrics.LATENCY_BUCKETS);
        storeErrors = metrics.counter("otplab_store_errors_total", "Submission store operations that failed.");
        metrics.gauge("otplab_grading_spares", "Grading worker JVMs started and waiting for the next grading.", readySpares::getAsInt);
    }

    void graded(String status, long startedNanos) {
        gradings.inc(status);
        latency.observe(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    void refused(WorkersBusyException why) {
        gradings.inc(why instanceof ShuttingDownException ? "shutting_down" : "busy");
    }

    void storeFailed() {
        storeErrors.inc();
    }
}
