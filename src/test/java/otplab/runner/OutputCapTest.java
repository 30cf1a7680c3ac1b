package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import otplab.jvm.OutputCollector;
import otplab.jvm.OutputListener;
import otplab.protocol.RunStatus;

/**
 * One output limit for everything a run sends: printed text, displayed values, diagnostics and
 * the error, held by the worker (one budget) and again by the server (its own count, which stops
 * a worker that sends past it).
 */
class OutputCapTest {
    private static final int LIMIT = 16 * 1024;
    private static Runner runner;

    @BeforeAll
    static void startRunner() {
        runner = Runner.create(s -> s.poolSize(1).maxWorkers(3).outputBytes(LIMIT).wallTime(Duration.ofSeconds(20))).start();
    }

    @AfterAll
    static void stopRunner() {
        runner.close();
    }

    private static RunResult run(String session, String code) throws Exception {
        return runner.runInSession(session, code, OutputListener.NONE);
    }

    private static int sent(RunResult result) {
        int bytes = result.stdout().getBytes(StandardCharsets.UTF_8).length + result.error().getBytes(StandardCharsets.UTF_8).length;
        for (String value : result.values()) {
            bytes += value.getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    @Test
    void aDisplayedValueFarPastTheLimitIsCutWithAMark() throws Exception {
        RunResult result = run("cap-value", "\"x\".repeat(2_000_000)");
        assertEquals(RunStatus.OK, result.status(), result.toString());
        assertEquals(1, result.values().size());
        assertTrue(result.values().getFirst().endsWith("[cut: the run's output limit was reached]"), "the cut must be marked");
        assertTrue(sent(result) <= LIMIT + 100, "a value of 2 MB came through as " + sent(result) + " bytes");
        runner.reset("cap-value");
    }

    @Test
    void printedTextAndValuesShareOneBudget() throws Exception {
        RunResult result = run("cap-shared", """
                System.out.print("p".repeat(12 * 1024));
                System.err.print("e".repeat(12 * 1024));
                "v".repeat(12 * 1024)""");
        assertEquals(RunStatus.OK, result.status(), result.toString());
        int printed = result.stdout().length() + result.stderr().replace("\n[output cut", "").length();
        assertTrue(printed + String.join("", result.values()).length() <= LIMIT + 1024,
                "out, err and the value each had a limit of their own: " + printed + " printed");
        assertTrue(result.truncated() || String.join("", result.values()).contains("[cut:"), result.toString());
        runner.reset("cap-shared");
    }

    @Test
    void anExceptionMessageFarPastTheLimitIsCut() throws Exception {
        RunResult result = run("cap-error", "throw new IllegalStateException(\"y\".repeat(500_000));");
        assertEquals(RunStatus.RUNTIME_ERROR, result.status(), result.toString());
        assertTrue(result.error().startsWith("java.lang.IllegalStateException"), result.error().substring(0, 80));
        assertTrue(result.error().length() <= LIMIT + 100, "the error came through as " + result.error().length() + " chars");
        runner.reset("cap-error");
    }

    @Test
    void aWorkerThatSendsPastItsBudgetIsStoppedByTheServerAndTheSessionGoesOn() throws Exception {
        // Raw writes to file descriptor 2 do not go through the worker's budget: only the server's count holds them.
        RunResult flood = run("cap-flood", """
                int kept = 1;
                var raw = new java.io.FileOutputStream(java.io.FileDescriptor.err);
                byte[] block = new byte[8192];
                java.util.Arrays.fill(block, (byte) 'z');
                while (true) raw.write(block);""");
        assertEquals(RunStatus.KILLED, flood.status(), flood.toString());
        assertTrue(flood.error().contains("output limit"), flood.error());
        assertTrue(flood.truncated());
        assertTrue(flood.stderr().length() <= LIMIT + OutputCollector.FLOOD_SLACK, "the server kept " + flood.stderr().length());
        RunResult next = run("cap-flood", "1 + 1");
        assertEquals(RunStatus.OK, next.status(), next.toString());
        assertFalse(next.values().isEmpty());
        runner.reset("cap-flood");
    }
}
