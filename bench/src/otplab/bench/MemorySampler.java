package otplab.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Samples the server's and its workers' memory every few seconds while a class runs and keeps the
 * peaks, the last sample, the worker JVMs it saw and the CPU time each had used when last seen
 * (less what it had used before the class began). A worker that lived between two samples, and
 * what one used after its last sample, are missed: "seen" and the workers' CPU are lower bounds.
 */
final class MemorySampler implements AutoCloseable {
    static final Duration EVERY = Duration.ofSeconds(2);

    /** The figures of the whole run, in kB. */
    record Peaks(long serverRssKb, long workersRssKb, long workersPssKb, boolean pssKnown, int workers, int notebookWorkers,
                 int gradingWorkers, int workersSeen, double workersCpuSeconds, ServerProcesses.Snapshot last) {}

    private final long serverPid;
    private final Thread thread;
    private final Map<Long, Double> cpu = new HashMap<>();
    private final Map<Long, Double> cpuBefore = new HashMap<>();
    private long serverRss;
    private long workersRss;
    private long workersPss;
    private boolean pssKnown = true;
    private int workers;
    private int notebookWorkers;
    private int gradingWorkers;
    private ServerProcesses.Snapshot last;

    MemorySampler(long serverPid) {
        this.serverPid = serverPid;
        sample();
        synchronized (this) {
            cpuBefore.putAll(cpu);
        }
        this.thread = Thread.ofPlatform().daemon().name("class-bench-memory").start(this::loop);
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(EVERY);
                sample();
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void sample() {
        ServerProcesses.Snapshot now = ServerProcesses.snapshot(serverPid);
        last = now;
        serverRss = Math.max(serverRss, now.serverRssKb());
        workersRss = Math.max(workersRss, now.workersRssKb());
        workersPss = Math.max(workersPss, now.workersPssKb());
        pssKnown &= now.pssKnown();
        workers = Math.max(workers, now.workers());
        notebookWorkers = Math.max(notebookWorkers, now.notebookWorkers());
        gradingWorkers = Math.max(gradingWorkers, now.gradingWorkers());
        now.workerCpuSeconds().forEach((pid, seconds) -> cpu.merge(pid, seconds, Math::max));
    }

    synchronized Peaks peaks() {
        double used = cpu.entrySet().stream().mapToDouble(e -> e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0.0)).sum();
        return new Peaks(serverRss, workersRss, workersPss, pssKnown, workers, notebookWorkers, gradingWorkers, cpu.size(), used, last);
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
        sample();
    }
}
