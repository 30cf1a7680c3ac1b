package otplab.runner;

import java.time.Duration;
import java.util.Map;
import otplab.jvm.ShuttingDownException;
import otplab.jvm.WorkersBusyException;
import otplab.web.Metrics;

/**
 * The runner's figures on {@code /metrics}: runs by status and their latency, the queue, the
 * sessions and the notebook workers. A run refused before it started counts under {@value #BUSY},
 * {@value #SHUTTING_DOWN} or {@value #LEARNER_LIMIT}.
 */
final class RunMetrics {
    static final String BUSY = "busy";
    static final String SHUTTING_DOWN = "shutting_down";
    static final String LEARNER_LIMIT = "learner_limit";
    static final RunMetrics NONE = new RunMetrics(null, null);

    private final Metrics.Counter runs;
    private final Metrics.Histogram latency;

    private RunMetrics(Metrics.Counter runs, Metrics.Histogram latency) {
        this.runs = runs;
        this.latency = latency;
    }

    static RunMetrics register(Metrics metrics, Runner runner) {
        Metrics.Counter runs = metrics.counter("otplab_runs_total",
                "Cell runs ended, by status (a RunStatus word, or busy/shutting_down when refused before starting).", "status");
        Metrics.Histogram latency = metrics.histogram("otplab_run_duration_seconds",
                "Wall time of a cell run from request to result, queue wait included.", Metrics.LATENCY_BUCKETS);
        metrics.gauge("otplab_run_queue_length", "Runs and gradings waiting for a free worker.",
                () -> runner.workers().permits().queued());
        metrics.gauge("otplab_sessions", "Notebook sessions (open lesson pages that ran a cell).", runner::sessionCount);
        metrics.gauge("otplab_workers", "Notebook worker JVMs: live (in use, ready or spare), idle (ready in the pool), starting,"
                        + " spare (a learner's last page's, restarted for their next page).", "state", runner::workerFigures);
        Metrics.Counter reused = metrics.counter("otplab_workers_reused_total",
                "Lesson pages that took their learner's restarted worker instead of a new one.");
        runner.onReused(reused::inc);
        Metrics.Counter parked = metrics.counter("otplab_sessions_parked_total",
                "Sessions whose worker was stopped to make room: idle (unused past the active window) or own_limit.", "reason");
        runner.onParked(parked::inc);
        return new RunMetrics(runs, latency);
    }

    void finished(RunResult result, long startedNanos) {
        if (runs != null) {
            runs.inc(result.status().wireName());
            latency.observe(Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }

    void refused(WorkersBusyException why) {
        if (runs != null) {
            runs.inc(why instanceof ShuttingDownException ? SHUTTING_DOWN : why instanceof LearnerLimitException ? LEARNER_LIMIT : BUSY);
        }
    }

    static Map<String, Integer> figures(int inUse, int ready, int starting, int spare) {
        return Map.of("live", inUse + ready + spare, "idle", ready, "starting", starting, "spare", spare);
    }
}
