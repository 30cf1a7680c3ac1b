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
import otplab.jvm.OutputListener;
import otplab.jvm.RunRoot;
import otplab.jvm.WorkerConnection;
import otplab.jvm.WorkerPool;
import otplab.jvm.WorkerSettings;
import otplab.jvm.Workers;
import otplab.protocol.Frame;
import otplab.protocol.GradingCodec;
import otplab.protocol.GradingReport;
import otplab.protocol.GradingRequest;
import otplab.protocol.SourceFile;
import otplab.protocol.TestSource;
import otplab.protocol.WorkerRole;

class GradingWorkerPoolTest {
    private static final String OWNER = "grading-pool-test";
    private static final Path ROOT = Path.of("/tmp/otplab-" + OWNER + "-" + ProcessHandle.current().pid());
    private static Workers workers;

    @BeforeAll
    static void prepare() {
        workers = Workers.create(WorkerSettings.defaults());
        workers.prepare();
    }

    /** A grading pool as a launcher builds it: one spare, warmed up with {@code warmUps} sample gradings and {@code rehearsal}. */
    private static WorkerPool pool(int warmUps, Optional<GradingRequest> rehearsal) {
        WorkerPool.Spec spec = WorkerPool.spec(WorkerRole.grading(warmUps));
        if (warmUps > 0) {
            byte[] rehearse = rehearsal.map(GradingCodec::encode).orElse(new byte[0]);
            spec = spec.warmUp(w -> GradingWorker.warmUp(w, rehearse, Duration.ofSeconds(30)), WorkerRole.grading(0));
        }
        return workers.pool(OWNER, spec);
    }

    @AfterAll
    static void removeRunRoot() {
        RunRoot.remove(ROOT);
    }

    @Test
    void everyTakeHandsOutAWorkerNoOtherGradingHasHad() throws Exception {
        try (WorkerPool pool = pool(0, Optional.empty())) {
            WorkerConnection first = pool.take(OutputListener.NONE);
            long firstPid = first.pid();
            pool.retire(first);
            WorkerConnection second = pool.take(OutputListener.NONE);
            assertTrue(second.isAlive());
            assertNotEquals(firstPid, second.pid());
            second.close();
        }
    }

    @Test
    void aGradingWorkerRunsNoNotebookCells() throws Exception {
        try (WorkerPool pool = pool(0, Optional.empty())) {
            WorkerConnection worker = pool.take(OutputListener.NONE);
            Optional<Frame> answer = worker.ask(Frame.Type.EVAL, List.of("code", "int x = 1;"), Duration.ofSeconds(30));
            assertEquals(Frame.Type.ERROR, answer.orElseThrow().type());
            assertEquals("this worker only grades", answer.orElseThrow().field("message").orElse(""));
            worker.close();
        }
    }

    @Test
    void closingThePoolKillsItsSpareWorkers() throws Exception {
        WorkerPool pool = pool(0, Optional.empty());
        pool.retire(pool.take(OutputListener.NONE));
        assertTrue(waitUntil(() -> !poolProcesses().isEmpty()), "no spare grading worker was started");
        pool.close();
        assertTrue(waitUntil(() -> poolProcesses().isEmpty()), "a spare grading worker was left running");
    }

    @Test
    void aPreparedPoolHasASpareReadyBeforeTheFirstGrading() throws Exception {
        try (WorkerPool pool = pool(0, Optional.empty())) {
            assertFalse(pool.awaitReady(Duration.ofMillis(1)), "a pool nobody prepared has no spare to wait for");
            pool.prepare();
            assertTrue(pool.awaitReady(Duration.ofSeconds(60)), "the prepared spare did not become ready");
            List<ProcessHandle> before = poolProcesses();
            WorkerConnection worker = pool.take(OutputListener.NONE);
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
        try (WorkerPool pool = pool(2, Optional.of(rehearsal))) {
            pool.prepare();
            assertTrue(pool.awaitReady(Duration.ofSeconds(60)), "the warmed-up spare did not become ready");
            WorkerConnection worker = pool.take(OutputListener.NONE);
            GradingWorker.GradeAnswer answer = GradingWorker.grade(worker, GradingCodec.encode(request), Duration.ofSeconds(60));
            pool.retire(worker);
            GradingReport.Ran ran = assertInstanceOf(GradingReport.Ran.class,
                    GradingCodec.decodeReport(assertInstanceOf(GradingWorker.GradeAnswer.Report.class, answer).data()));
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
        WorkerConnection worker = workers.start(WorkerRole.grading(0), ROOT, dead -> { });
        try {
            assertTrue(GradingWorker.warmUp(worker, GradingCodec.encode(rehearsal), Duration.ofSeconds(20)),
                    "the rehearsal did not answer: it was run, or not compiled");
            assertTrue(worker.isAlive());
        } finally {
            worker.close();
        }
    }

    @Test
    void aWarmUpWithNothingToRehearseAnswersOnceTheSampleGradingsAreDone() throws Exception {
        WorkerConnection worker = workers.start(WorkerRole.grading(2), ROOT, dead -> { });
        try {
            assertTrue(GradingWorker.warmUp(worker, new byte[0], Duration.ofSeconds(60)), "the warm-up did not end");
            assertTrue(worker.isAlive());
        } finally {
            worker.close();
        }
    }

    @Test
    void aLauncherRefusesAWarmUpOutsideZeroToTenGradings() {
        WorkerSettings defaults = WorkerSettings.defaults();
        assertThrows(IllegalArgumentException.class, () -> GradingWorkerLauncher.builder(defaults).warmUpGradings(-1));
        assertThrows(IllegalArgumentException.class, () -> GradingWorkerLauncher.builder(defaults).warmUpGradings(11));
    }

    /** The processes of workers whose control folder lies under this test's root. */
    private static List<ProcessHandle> poolProcesses() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("/tmp/otplab-" + OWNER + "-"))
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
