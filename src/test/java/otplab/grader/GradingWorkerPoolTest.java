package otplab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import otplab.runner.RunnerSettings;
import otplab.runner.Sandbox;
import otplab.runner.WorkerImage;
import otplab.runner.WorkerProcess;
import otplab.worker.Frame;

class GradingWorkerPoolTest {
    private static final Path ROOT = Path.of("/tmp/otplab-grading-pool-test-" + ProcessHandle.current().pid());
    private static RunnerSettings settings;
    private static Sandbox sandbox;
    private static WorkerImage image;

    @BeforeAll
    static void prepare() {
        settings = RunnerSettings.defaults();
        sandbox = Sandbox.detect(settings);
        image = WorkerImage.prepare(settings);
    }

    @Test
    void everyTakeHandsOutAWorkerNoOtherGradingHasHad() throws Exception {
        try (GradingWorkerPool pool = new GradingWorkerPool(settings, sandbox, image, ROOT)) {
            WorkerProcess first = pool.take();
            long firstPid = first.pid();
            first.close();
            WorkerProcess second = pool.take();
            assertTrue(second.isAlive());
            assertNotEquals(firstPid, second.pid());
            second.close();
        }
    }

    @Test
    void aGradingWorkerRunsNoNotebookCells() throws Exception {
        try (GradingWorkerPool pool = new GradingWorkerPool(settings, sandbox, image, ROOT)) {
            WorkerProcess worker = pool.take();
            Optional<Frame> answer = worker.ask(Frame.Type.EVAL, List.of("code", "int x = 1;"), Duration.ofSeconds(30));
            assertEquals(Frame.Type.ERROR, answer.orElseThrow().type());
            assertEquals("this worker only grades", answer.orElseThrow().field("message").orElse(""));
            worker.close();
        }
    }

    @Test
    void closingThePoolKillsItsSpareWorkers() throws Exception {
        GradingWorkerPool pool = new GradingWorkerPool(settings, sandbox, image, ROOT);
        pool.take().close();
        assertTrue(waitUntil(() -> !poolProcesses().isEmpty()), "no spare grading worker was started");
        pool.close();
        assertTrue(waitUntil(() -> poolProcesses().isEmpty()), "a spare grading worker was left running");
    }

    /** The processes of workers whose control folder lies under this test's root. */
    private static List<ProcessHandle> poolProcesses() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(ROOT.toString()))
                .toList();
    }

    private static boolean waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
