package otplab.bench;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Samples the server's and its workers' memory every few seconds while a class runs and keeps the
 * peaks, the last sample and the worker JVMs it saw (a worker that lived between two samples is
 * missed, so "seen" is a lower bound on the workers started).
 */
final class MemorySampler implements AutoCloseable {
    static final Duration EVERY = Duration.ofSeconds(2);

    /** The figures of the whole run, in kB. */
    record Peaks(long serverRssKb, long workersRssKb, long workersPssKb, boolean pssKnown, int workers, int notebookWorkers,
                 int gradingWorkers, int workersSeen, ServerProcesses.Snapshot last) {}

    private final long serverPid;
    private final Thread thread;
    private final Set<Long> seen = new HashSet<>();
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
        seen.addAll(now.workerPids());
    }

    synchronized Peaks peaks() {
        return new Peaks(serverRss, workersRss, workersPss, pssKnown, workers, notebookWorkers, gradingWorkers, seen.size(), last);
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
        sample();
    }
}
