package otplab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything the simulated learners of one class run saw, gathered from their threads: each run
 * and submit with its latency, each error by kind (with the first few examples), each lost session
 * and each {@code queued} message.
 */
public final class ClassTally {
    /** Examples kept per kind of error: enough to see what went wrong, not a log. */
    static final int EXAMPLES_PER_KIND = 3;

    /** Why a run happened: the page session's first run (its worker may have to start), a later one, or a replay after a lost session. */
    public enum RunKind { FIRST, LATER, REPLAY }

    /**
     * One answered run: {@code latencyMs} from sending it to its result, {@code waitMs} of that until the
     * server said {@code started} (waiting for a worker permit and starting or taking a worker; {@code NaN}
     * when no {@code started} came), the rest being the cell's compilation and run in its worker.
     */
    public record RunRecord(RunKind kind, double latencyMs, double waitMs, String status, boolean queued) {}

    public record SubmitRecord(double latencyMs, String status, boolean reference) {}

    private final ConcurrentLinkedQueue<RunRecord> runs = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<SubmitRecord> submits = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Double> unanswered = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> errors = new TreeMap<>();
    private final Map<String, List<String>> examples = new LinkedHashMap<>();
    private final Map<String, Integer> lostReasons = new TreeMap<>();
    private final AtomicInteger queuedMessages = new AtomicInteger();
    private final AtomicInteger pages = new AtomicInteger();
    private final AtomicInteger reopened = new AtomicInteger();

    public void run(RunKind kind, double latencyMs, double waitMs, String status, boolean queued) {
        runs.add(new RunRecord(Objects.requireNonNull(kind, "kind must not be null"), latencyMs, waitMs, status, queued));
    }

    /** A run that got no answer (its socket closed, or nothing came in time), after waiting {@code waitedMs}. */
    public void unanswered(double waitedMs) {
        unanswered.add(waitedMs);
    }

    public List<Double> unanswered() {
        return List.copyOf(unanswered);
    }

    public void submit(double latencyMs, String status, boolean reference) {
        submits.add(new SubmitRecord(latencyMs, status, reference));
    }

    /** An error of some {@code kind} (a short, stable phrase), with where it happened and what was said. */
    public synchronized void error(String kind, String example) {
        errors.merge(kind, 1, Integer::sum);
        List<String> kept = examples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (kept.size() < EXAMPLES_PER_KIND) {
            kept.add(example);
        }
    }

    /** A run answered {@code lost}: the learner's session (its declarations) was gone while they were working. */
    public synchronized void lost(String reason) {
        lostReasons.merge(reason, 1, Integer::sum);
    }

    public void queued() {
        queuedMessages.incrementAndGet();
    }

    public void pageOpened() {
        pages.incrementAndGet();
    }

    /** A page found its socket closed by the server while idle and opened a new one for its next run, as a browser does. */
    public void reopened() {
        reopened.incrementAndGet();
    }

    public int reopenedSockets() {
        return reopened.get();
    }

    public List<RunRecord> runs() {
        return List.copyOf(runs);
    }

    public List<SubmitRecord> submits() {
        return List.copyOf(submits);
    }

    public synchronized Map<String, Integer> errors() {
        return Map.copyOf(errors);
    }

    public synchronized int errorCount() {
        return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized Map<String, List<String>> examples() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        examples.forEach((kind, list) -> copy.put(kind, List.copyOf(list)));
        return copy;
    }

    public synchronized Map<String, Integer> lostReasons() {
        return Map.copyOf(lostReasons);
    }

    public synchronized int lostCount() {
        return lostReasons.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int queuedMessages() {
        return queuedMessages.get();
    }

    public int pages() {
        return pages.get();
    }
}
