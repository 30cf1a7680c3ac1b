package otplab.jvm;

import java.time.Duration;
import java.util.Objects;

/**
 * What one worker may use: wall and CPU time, memory, output, source size, processes and files.
 * Immutable and always valid: the constructor refuses values a worker cannot run with, so a limit
 * read anywhere (the JVM flags, {@code prlimit}, the cgroups, the output caps) is one that was
 * checked. Build with {@link #builder()} or change one with {@link #toBuilder()}.
 *
 * @param wallTime a run's wall time when the request names none
 * @param maxWallTime the longest wall time a request may ask for; longer asks are cut to it
 * @param cpuSeconds CPU seconds over the worker's whole life (RLIMIT_CPU)
 * @param heapMb the worker JVM's heap ({@code -Xmx})
 * @param metaspaceMb the worker JVM's metaspace ({@code -XX:MaxMetaspaceSize})
 * @param memoryMb the memory cgroup's limit for the whole worker, above the heap
 * @param outputBytes all output of one run together: streamed text, values, diagnostics and errors
 * @param sourceBytes the largest cell or request source
 * @param processes threads and processes of one worker (RLIMIT_NPROC, the pids cgroup)
 * @param openFiles open file descriptors (RLIMIT_NOFILE)
 * @param fileBytes the largest file a worker may write (RLIMIT_FSIZE)
 */
public record WorkerLimits(Duration wallTime, Duration maxWallTime, int cpuSeconds, int heapMb, int metaspaceMb,
                           int memoryMb, int outputBytes, int sourceBytes, int processes, int openFiles, long fileBytes) {
    public static final int DEFAULT_WALL_SECONDS = 5;
    public static final int DEFAULT_MAX_WALL_SECONDS = 120;
    public static final int DEFAULT_CPU_SECONDS = 300;
    public static final int DEFAULT_HEAP_MB = 128;
    public static final int DEFAULT_METASPACE_MB = 96;
    public static final int DEFAULT_MEMORY_MB = 384;
    public static final int DEFAULT_OUTPUT_BYTES = 1024 * 1024;
    public static final int DEFAULT_SOURCE_BYTES = 64 * 1024;
    public static final int DEFAULT_PROCESSES = 256;
    public static final int DEFAULT_OPEN_FILES = 256;
    public static final long DEFAULT_FILE_BYTES = 16L * 1024 * 1024;
    /** Below these a worker JVM with JShell does not start (measured: it fails in its first seconds). */
    static final int LEAST_HEAP_MB = 16;
    static final int LEAST_METASPACE_MB = 32;
    static final int LEAST_PROCESSES = 32;
    static final int LEAST_OPEN_FILES = 32;
    /** The control channel's frame limit bounds one run's answer, so the output cap must stay well below it. */
    static final int MOST_OUTPUT_BYTES = 4 * 1024 * 1024;

    public static final WorkerLimits DEFAULTS = builder().build();

    public WorkerLimits {
        Objects.requireNonNull(wallTime, "wallTime must not be null");
        Objects.requireNonNull(maxWallTime, "maxWallTime must not be null");
        if (wallTime.toMillis() < 1) {
            throw new IllegalArgumentException("wallTime must be at least 1 ms, was " + wallTime.toMillis() + " ms");
        }
        if (maxWallTime.compareTo(wallTime) < 0) {
            throw new IllegalArgumentException("maxWallTime (" + maxWallTime.toMillis() + " ms) must be at least wallTime ("
                    + wallTime.toMillis() + " ms)");
        }
        atLeast("cpuSeconds", cpuSeconds, 1, "s");
        atLeast("heapMb", heapMb, LEAST_HEAP_MB, "MB");
        atLeast("metaspaceMb", metaspaceMb, LEAST_METASPACE_MB, "MB");
        if (memoryMb <= heapMb) {
            throw new IllegalArgumentException("memoryMb (" + memoryMb + " MB) must be more than heapMb (" + heapMb
                    + " MB): the JVM needs memory beside its heap");
        }
        atLeast("outputBytes", outputBytes, 1, "bytes");
        if (outputBytes > MOST_OUTPUT_BYTES) {
            throw new IllegalArgumentException("outputBytes must be at most " + MOST_OUTPUT_BYTES + " bytes, was " + outputBytes);
        }
        atLeast("sourceBytes", sourceBytes, 1, "bytes");
        atLeast("processes", processes, LEAST_PROCESSES, "");
        atLeast("openFiles", openFiles, LEAST_OPEN_FILES, "");
        atLeast("fileBytes", fileBytes, 1, "bytes");
    }

    private static void atLeast(String name, long value, long least, String unit) {
        if (value < least) {
            String suffix = unit.isEmpty() ? "" : " " + unit;
            throw new IllegalArgumentException(name + " must be at least " + least + suffix + ", was " + value + suffix);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these limits, to change some of them. */
    public Builder toBuilder() {
        return new Builder().wallTime(wallTime).maxWallTime(maxWallTime).cpuSeconds(cpuSeconds).heapMb(heapMb)
                .metaspaceMb(metaspaceMb).memoryMb(memoryMb).outputBytes(outputBytes).sourceBytes(sourceBytes)
                .processes(processes).openFiles(openFiles).fileBytes(fileBytes);
    }

    /** The wall time for a run that asked for {@code requestedMs}: at least 1 ms, at most {@link #maxWallTime()}. */
    public Duration boundedWallTime(long requestedMs) {
        return Duration.ofMillis(Math.clamp(requestedMs, 1, maxWallTime.toMillis()));
    }

    public static final class Builder {
        private Duration wallTime = Duration.ofSeconds(DEFAULT_WALL_SECONDS);
        private Duration maxWallTime = Duration.ofSeconds(DEFAULT_MAX_WALL_SECONDS);
        private int cpuSeconds = DEFAULT_CPU_SECONDS;
        private int heapMb = DEFAULT_HEAP_MB;
        private int metaspaceMb = DEFAULT_METASPACE_MB;
        private int memoryMb = DEFAULT_MEMORY_MB;
        private int outputBytes = DEFAULT_OUTPUT_BYTES;
        private int sourceBytes = DEFAULT_SOURCE_BYTES;
        private int processes = DEFAULT_PROCESSES;
        private int openFiles = DEFAULT_OPEN_FILES;
        private long fileBytes = DEFAULT_FILE_BYTES;

        private Builder() {}

        public Builder wallTime(Duration value) { wallTime = Objects.requireNonNull(value, "wallTime must not be null"); return this; }
        public Builder maxWallTime(Duration value) { maxWallTime = Objects.requireNonNull(value, "maxWallTime must not be null"); return this; }
        public Builder cpuSeconds(int value) { cpuSeconds = value; return this; }
        public Builder heapMb(int value) { heapMb = value; return this; }
        public Builder metaspaceMb(int value) { metaspaceMb = value; return this; }
        public Builder memoryMb(int value) { memoryMb = value; return this; }
        public Builder outputBytes(int value) { outputBytes = value; return this; }
        public Builder sourceBytes(int value) { sourceBytes = value; return this; }
        public Builder processes(int value) { processes = value; return this; }
        public Builder openFiles(int value) { openFiles = value; return this; }
        public Builder fileBytes(long value) { fileBytes = value; return this; }

        Duration wallTime() { return wallTime; }
        Duration maxWallTime() { return maxWallTime; }

        /** @throws IllegalArgumentException naming the limit and the least (or most) it may be */
        public WorkerLimits build() {
            return new WorkerLimits(wallTime, maxWallTime, cpuSeconds, heapMb, metaspaceMb, memoryMb, outputBytes,
                    sourceBytes, processes, openFiles, fileBytes);
        }
    }
}
