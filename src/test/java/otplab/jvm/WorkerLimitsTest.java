package otplab.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerLimitsTest {
    @Test
    void theDefaultsAreTheDocumentedOnes() {
        WorkerLimits limits = WorkerLimits.DEFAULTS;
        assertEquals(Duration.ofSeconds(5), limits.wallTime());
        assertEquals(128, limits.heapMb());
        assertEquals(1024 * 1024, limits.outputBytes());
        assertEquals(64 * 1024, limits.sourceBytes());
        assertEquals(256, limits.processes());
    }

    @Test
    void toBuilderChangesOneLimitAndKeepsTheRest() {
        WorkerLimits changed = WorkerLimits.DEFAULTS.toBuilder().heapMb(256).memoryMb(512).build();
        assertEquals(256, changed.heapMb());
        assertEquals(512, changed.memoryMb());
        assertEquals(WorkerLimits.DEFAULTS.outputBytes(), changed.outputBytes());
        assertEquals(WorkerLimits.DEFAULTS.wallTime(), changed.wallTime());
        assertEquals(WorkerLimits.DEFAULTS, WorkerLimits.DEFAULTS.toBuilder().build());
    }

    @Test
    void aLimitAWorkerCannotRunWithIsRefusedWhenBuiltWithItsNameAndTheLeastItMayBe() {
        IllegalArgumentException heap = assertThrows(IllegalArgumentException.class, () -> WorkerLimits.builder().heapMb(8).build());
        assertEquals("heapMb must be at least 16 MB, was 8 MB", heap.getMessage());
        IllegalArgumentException memory = assertThrows(IllegalArgumentException.class,
                () -> WorkerLimits.builder().heapMb(512).build());
        assertTrue(memory.getMessage().startsWith("memoryMb (384 MB) must be more than heapMb (512 MB)"), memory.getMessage());
        IllegalArgumentException wall = assertThrows(IllegalArgumentException.class,
                () -> WorkerLimits.builder().wallTime(Duration.ofMinutes(5)).build());
        assertTrue(wall.getMessage().startsWith("maxWallTime (120000 ms) must be at least wallTime"), wall.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WorkerLimits.builder().outputBytes(0).build());
        assertThrows(IllegalArgumentException.class, () -> WorkerLimits.builder().outputBytes(64 * 1024 * 1024).build());
        assertThrows(IllegalArgumentException.class, () -> WorkerLimits.builder().processes(4).build());
    }

    @Test
    void settingsCarryTheirLimitsAndTheirShortcutsReadThem() {
        WorkerLimits limits = WorkerLimits.builder().outputBytes(4096).build();
        WorkerSettings settings = WorkerSettings.builder().limits(limits).workerJar(java.nio.file.Path.of("worker.jar")).build();
        assertEquals(limits, settings.limits());
        assertEquals(4096, settings.outputBytes());
        assertEquals(limits.processes(), settings.maxThreads());
    }

    @Test
    void anOperatorsVariableOutOfRangeIsRefusedWithTheVariableAndTheRange() {
        WorkerSettings.Builder builder = WorkerSettings.builder();
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> builder.environment(Map.of(WorkerSettings.ENV_RUN_SECONDS, "3600")));
        assertEquals("OTPLAB_RUN_SECONDS must be a whole number from 1 to 120, was '3600'", tooLong.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> builder.environment(Map.of(WorkerSettings.ENV_MAX_WORKERS, "0")));
        assertEquals("OTPLAB_MAX_WORKERS must be a whole number from 1 to 512, was '0'", none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.environment(Map.of(WorkerSettings.ENV_POOL_SIZE, "1000")));
        assertEquals(Duration.ofSeconds(30), WorkerSettings.builder().environment(Map.of(WorkerSettings.ENV_RUN_SECONDS, "30"))
                .workerJar(java.nio.file.Path.of("worker.jar")).build().wallTime());
    }

    @Test
    void theFairShareIsReadFromTheOperatorsVariablesAndRunsMayNotOutnumberSessions() {
        WorkerSettings read = WorkerSettings.builder().environment(Map.of(WorkerSettings.ENV_LEARNER_SESSIONS, "4",
                WorkerSettings.ENV_LEARNER_RUNS, "3", WorkerSettings.ENV_LEARNER_QUEUED, "0", WorkerSettings.ENV_QUEUE_SECONDS, "90"))
                .workerJar(java.nio.file.Path.of("worker.jar")).build();
        assertEquals(4, read.learnerSessions());
        assertEquals(3, read.learnerRuns());
        assertEquals(0, read.learnerQueued());
        assertEquals(Duration.ofSeconds(90), read.queueWait());

        IllegalArgumentException tooManyRuns = assertThrows(IllegalArgumentException.class, () -> WorkerSettings.builder()
                .environment(Map.of(WorkerSettings.ENV_LEARNER_RUNS, "5")));
        assertEquals("OTPLAB_LEARNER_RUNS must be a whole number from 1 to 3, was '5'", tooManyRuns.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WorkerSettings.builder().learnerSessions(1).learnerRuns(2)
                .workerJar(java.nio.file.Path.of("worker.jar")).build());
    }
}
