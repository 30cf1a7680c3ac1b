package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import otplab.jvm.OutputListener;
import otplab.jvm.WorkerSettings;
import otplab.protocol.RunStatus;

/** One-shot runs take warm workers from the pool, wait for the pool's bounded starts, and the pool refills. */
class OneShotPoolTest {
    private static final int RUNS = 4;

    @Test
    void concurrentOneShotRunsAreServedByThePoolWhichRefillsAfterwards() throws Exception {
        try (Runner runner = Runner.create(s -> s.poolSize(1).parallelStarts(1).maxWorkers(RUNS)).start();
             ExecutorService clients = Executors.newFixedThreadPool(RUNS)) {
            List<Future<RunResult>> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                int n = i;
                runs.add(clients.submit(() -> runner.runOnce("System.out.println(" + n + " * 2);", OutputListener.NONE)));
            }
            for (int i = 0; i < RUNS; i++) {
                RunResult result = runs.get(i).get();
                assertEquals(RunStatus.OK, result.status(), result.toString());
                assertEquals((i * 2) + "\n", result.stdout());
            }
            assertTrue(poolRefills(runner), "the pool did not get back to one ready worker: " + runner.health());
            assertEquals(0, runner.health().get("busy"), runner.health().toString());
        }
    }

    @Test
    void aSessionIsOneProcessAcrossCells() throws Exception {
        try (Runner runner = Runner.create(s -> s.poolSize(1).maxWorkers(2)).start()) {
            RunResult sent = runner.runInSession("one-process", "Process.send(Process.self(), \"hi\");", OutputListener.NONE);
            assertEquals(RunStatus.OK, sent.status(), sent.toString());
            RunResult received = runner.runInSession("one-process", "Process.receive(1000)", OutputListener.NONE);
            assertEquals(RunStatus.OK, received.status(), received.toString());
            assertTrue(received.values().getFirst().endsWith("==> Optional[hi]"), received.toString());
        }
    }

    private static boolean poolRefills(Runner runner) throws InterruptedException {
        long deadline = System.nanoTime() + WorkerSettings.START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Integer.valueOf(1).equals(runner.health().get("ready"))) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
