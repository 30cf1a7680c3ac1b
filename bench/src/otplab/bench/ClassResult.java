package otplab.bench;

import java.util.Map;
import java.util.Objects;

/**
 * What one class run measured.
 *
 * @param seconds wall time from the first arrival to the last learner done (the class plus its runs in flight)
 * @param machineBusy the share of the machine's CPU time that was busy (all processes, not only ours)
 * @param serverCpuSeconds CPU time of the server JVM itself; {@code NaN} when the server is not known
 * @param memory peak memory figures; null when the server process is not known
 * @param serverRuns the server's {@code otplab_runs_total} by status at the end (it counts since the server started)
 */
public record ClassResult(ClassSettings settings, ClassTally tally, double seconds, String loadAtStart, String loadAtEnd,
                          double machineBusy, double serverCpuSeconds, MemorySampler.Peaks memory,
                          Map<String, Double> serverRuns) {
    public ClassResult {
        Objects.requireNonNull(settings, "settings must not be null");
        Objects.requireNonNull(tally, "tally must not be null");
        serverRuns = Map.copyOf(serverRuns);
    }

    /** The share of the machine's CPU time (all cores, the whole run) that the server and its workers used; NaN when unknown. */
    double ourCpuShare() {
        if (memory == null || Double.isNaN(serverCpuSeconds)) {
            return Double.NaN;
        }
        return (serverCpuSeconds + memory.workersCpuSeconds()) / (seconds * Runtime.getRuntime().availableProcessors());
    }
}
