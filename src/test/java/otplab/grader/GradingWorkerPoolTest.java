package otplab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import otplab.runner.RunRoot;
import otplab.runner.RunnerSettings;
import otplab.runner.Sandbox;
import otplab.runner.WorkerImage;
import otplab.runner.WorkerProcess;
import otplab.protocol.WorkerRole;
import otplab.protocol.Frame;
import otplab.protocol.GradingCodec;
import otplab.protocol.GradingReport;
import otplab.protocol.GradingRequest;
import otplab.protocol.SourceFile;
import otplab.protocol.TestSource;

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

    @AfterAll
    static void removeRunRoot() {
        RunRoot.remove(ROOT);
    }

    @Test
    void everyTakeHandsOutAWorkerNoOtherGradingHasHad() throws Exception {
        try (GradingWorkerPool pool = new GradingWorkerPool(settings, sandbox, image, ROOT, 0)) {
            WorkerProcess first = pool.take();
            long firstPid = first.pid();
            pool.release(first, Optional.empty());
            WorkerProcess second = pool.take();
            assertTrue(second.isAlive());
            assertNotEquals(firstPid, second.pid());
            second.close();
        }
    }

    @Test
    void aGradingWorkerRunsNoNotebookCells() throws Exception {
        try (GradingWorkerPool pool = new GradingWorkerPool(settings, sandbox, image, ROOT, 0)) {
            WorkerProcess worker = pool.take();
            Optional<Frame> answer = worker.ask(Frame.Type.EVAL, List.of("code", "int x = 1;"), Duration.ofSeconds(30));
            assertEquals(Frame.Type.ERROR, answer.orElseThrow().type());
            assertEquals("this worker only grades", answer.orElseThrow().field("message").orElse(""));
            worker.close();
        }
    }

    @Test
    void closingThePoolKillsItsSpareWorkers() throws Exception {
        GradingWorkerPool pool = new GradingWorkerPool(settings, sandbox, image, ROOT, 0);
        pool.release(pool.take(), Optional.empty());
        assertTrue(waitUntil(() -> !poolProcesses().isEmpty()), "no spare grading worker was started");
        pool.close();
        assertTrue(waitUntil(() -> poolProcesses().isEmpty()), "a spare grading worker was left running");
    }

    @Test
    void aPreparedPoolHasASpareReadyBeforeTheFirstGrading() throws Exception {
        try (GradingWorkerPool pool = new GradingWorkerPool(settings, sandbox, image, ROOT, 0)) {
            assertFalse(pool.awaitSpare(Duration.ofMillis(1)), "a pool nobody prepared has no spare to wait for");
            pool.prepare(Optional.empty());
            assertTrue(pool.awaitSpare(Duration.ofSeconds(60)), "the prepared spare did not become ready");
            List<ProcessHandle> before = poolProcesses();
            WorkerProcess worker = pool.take();
            assertTrue(worker.isAlive());
            assertTrue(before.stream().anyMatch(p -> worker.processTree().contains(p)),
                    "the grading did not get the spare that was ready");
            worker.close();
        }
    }

    @Test
    void aWarmedUpWorkerGradesOnlyTheLearnersOwnClassesAndTests() throws Exception {
        // The learner's class has the name of the warm-up sample's and of the rehearsed starter's, and must be the one tested.
        SourceFile counter = new SourceFile("Counter.java", """
                public final class Counter {
                    public int next(int n) { return n + 2; }
                }
                """);
        SourceFile test = new SourceFile("CounterTest.java", """
                import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
                import org.junit.jupiter.api.Test;

                class CounterTest {
                    @Test void addsTwo() { assertEquals(3, new Counter().next(1)); }
                    @Test void addsOne() { assertEquals(2, new Counter().next(1)); }
                }
                """);
        SourceFile starter = new SourceFile("Counter.java", """
                public final class Counter {
                    public int next(int n) { throw new UnsupportedOperationException("not implemented yet"); }
                }
                """);
        GradingRequest request = new GradingRequest(List.of(counter), List.of(new TestSource(test, false)), Duration.ofSeconds(10));
        GradingRequest rehearsal = new GradingRequest(List.of(starter), List.of(new TestSource(test, false)), Duration.ofSeconds(10));
        try (GradingWorkerPool pool = new GradingWorkerPool(settings, sandbox, image, ROOT, 2)) {
            pool.prepare(Optional.of(rehearsal));
            assertTrue(pool.awaitSpare(Duration.ofSeconds(60)), "the warmed-up spare did not become ready");
            WorkerProcess worker = pool.take();
            WorkerProcess.GradeAnswer answer = worker.grade(GradingCodec.encode(request), Duration.ofSeconds(60));
            pool.release(worker, Optional.empty());
            GradingReport.Ran ran = assertInstanceOf(GradingReport.Ran.class,
                    GradingCodec.decodeReport(assertInstanceOf(WorkerProcess.GradeAnswer.Report.class, answer).data()));
            assertEquals(List.of("CounterTest.addsOne FAILED", "CounterTest.addsTwo PASSED"),
                    ran.outcomes().stream().map(o -> o.className() + "." + o.methodName() + " " + o.status()).sorted().toList());
            assertTrue(ran.containerFailures().isEmpty(), ran.containerFailures().toString());
        }
    }

    @Test
    void aRehearsalIsCompiledButNeverRun() throws Exception {
        // Were the rehearsal run, its static initialiser would never let the warm-up answer.
        SourceFile starter = new SourceFile("Spinning.java", """
                public final class Spinning {
                    static boolean forever = true;
                    static { while (forever) { Thread.onSpinWait(); } }
                }
                """);
        SourceFile test = new SourceFile("SpinningTest.java", """
                import org.junit.jupiter.api.Test;

                class SpinningTest {
                    @Test void touches() { new Spinning(); }
                }
                """);
        GradingRequest rehearsal = new GradingRequest(List.of(starter), List.of(new TestSource(test, false)), Duration.ofMinutes(5));
        WorkerProcess worker = WorkerProcess.start(settings, sandbox, image, ROOT, WorkerRole.grading(0), dead -> { });
        try {
            assertTrue(worker.warmUp(GradingCodec.encode(rehearsal), Duration.ofSeconds(20)),
                    "the rehearsal did not answer: it was run, or not compiled");
            assertTrue(worker.isAlive());
        } finally {
            worker.close();
        }
    }

    @Test
    void aWarmUpWithNothingToRehearseAnswersOnceTheSampleGradingsAreDone() throws Exception {
        WorkerProcess worker = WorkerProcess.start(settings, sandbox, image, ROOT, WorkerRole.grading(2), dead -> { });
        try {
            assertTrue(worker.warmUp(new byte[0], Duration.ofSeconds(60)), "the warm-up did not end");
            assertTrue(worker.isAlive());
        } finally {
            worker.close();
        }
    }

    @Test
    void aLauncherRefusesAWarmUpOutsideZeroToTenGradings() {
        RunnerSettings defaults = RunnerSettings.defaults();
        assertThrows(IllegalArgumentException.class, () -> GradingWorkerLauncher.builder(defaults).warmUpGradings(-1));
        assertThrows(IllegalArgumentException.class, () -> GradingWorkerLauncher.builder(defaults).warmUpGradings(11));
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
