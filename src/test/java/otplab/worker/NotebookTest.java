package otplab.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import otplab.protocol.CellDiagnostic;
import otplab.protocol.RunStatus;

class NotebookTest {
    private static Notebook notebook;

    @BeforeAll
    static void start() {
        notebook = new Notebook(new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() {
        notebook.close();
    }

    @Test
    void showsTheValueOfTheCellsLastExpression() {
        CellOutcome outcome = notebook.eval("int answer = 40 + 2;\nanswer * 2");
        assertEquals(RunStatus.OK, outcome.status(), outcome.toString());
        assertEquals(java.util.List.of("==> 84"), outcome.values());
    }

    @Test
    void laterCellsSeeClassesDeclaredByEarlierCells() {
        assertEquals(RunStatus.OK, notebook.eval("class Counter { int n; int next() { return ++n; } }").status());
        CellOutcome outcome = notebook.eval("var c = new Counter();\nc.next();\nc.next()");
        assertEquals(RunStatus.OK, outcome.status(), outcome.toString());
        assertTrue(outcome.values().getLast().endsWith("==> 2"), outcome.values().toString());
    }

    @Test
    void compileErrorsPointAtTheCellsOwnLine() {
        CellOutcome outcome = notebook.eval("int a = 1;\n\nString s = 42;");
        assertEquals(RunStatus.COMPILE_ERROR, outcome.status());
        CellDiagnostic diagnostic = outcome.diagnostics().getFirst();
        assertEquals(3, diagnostic.line(), outcome.toString());
        assertEquals(12, diagnostic.column(), outcome.toString());
        assertEquals("error", diagnostic.severity());
    }

    @Test
    void refusedCallsNameTheCallAndTheLine() {
        CellOutcome outcome = notebook.eval("int a = 1;\nvoid quit() {\n  int b = 2;\n  System.exit(0);\n}");
        assertEquals(RunStatus.REJECTED, outcome.status(), outcome.toString());
        assertTrue(outcome.error().contains("java.lang.System.exit"), outcome.error());
        assertEquals(4, outcome.diagnostics().getFirst().line(), outcome.toString());
    }

    @Test
    void runtimeErrorsReportTheExceptionAndTheCellLine() {
        CellOutcome outcome = notebook.eval("int zero = 0;\nint boom = 10 / zero;");
        assertEquals(RunStatus.RUNTIME_ERROR, outcome.status());
        assertTrue(outcome.error().startsWith("java.lang.ArithmeticException: / by zero"), outcome.error());
        assertTrue(outcome.error().contains("line 2"), outcome.error());
    }

    @Test
    void fileAccessOutsideTmpIsRejectedAtRunTime() {
        CellOutcome outcome = notebook.eval("java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/hostname\"))");
        assertEquals(RunStatus.REJECTED, outcome.status(), outcome.toString());
        assertTrue(outcome.error().contains("/etc/hostname"), outcome.error());
        CellOutcome tmp = notebook.eval("java.nio.file.Files.writeString(java.nio.file.Path.of(\"/tmp/otplab-notebook-test.txt\"), \"x\");\n"
                + "new java.io.File(\"/tmp/otplab-notebook-test.txt\").delete()");
        assertEquals(RunStatus.OK, tmp.status(), tmp.toString());
    }

    @Test
    void completionOffersNamesFromTheSession() {
        notebook.eval("int uniqueCounterName = 1;");
        assertTrue(notebook.complete("uniqueCou", 9).contains("uniqueCounterName"));
    }

    @Test
    void aSessionIsOneProcessAcrossCellsAndStatements() {
        assertEquals(RunStatus.OK, notebook.eval("Process.send(Process.self(), \"hi\");").status());
        CellOutcome received = notebook.eval("Process.receive(1000)");
        assertEquals(RunStatus.OK, received.status(), received.toString());
        assertTrue(received.values().getFirst().endsWith("==> Optional[hi]"), received.toString());
        CellOutcome trapping = notebook.eval("otp.Process.trapExit(true);\nboolean wasTrapping = otp.Process.trapExit(false);\nwasTrapping");
        assertEquals("wasTrapping ==> true", trapping.values().getLast(), trapping.toString());
    }

    @Test
    void aStoppedInfiniteLoopLeavesTheSameSessionProcessRunning() throws Exception {
        notebook.eval("var before = otp.Process.self();");
        CompletableFuture<CellOutcome> looping = CompletableFuture.supplyAsync(() -> notebook.eval("while (true) { }"));
        CellOutcome stopped = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (stopped == null && System.nanoTime() < deadline) {
            notebook.stop();
            try {
                stopped = looping.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                // the loop may not have started when stop was asked; ask again
            }
        }
        assertEquals(RunStatus.KILLED, stopped == null ? null : stopped.status());
        CellOutcome after = notebook.eval("otp.Process.self().equals(before)");
        assertEquals(RunStatus.OK, after.status(), after.toString());
        assertTrue(after.values().getFirst().endsWith("==> true"), after.toString());
    }

    @Test
    void aSwitchWithSeveralRecordPatternsRuns() {
        CellOutcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            notebook.eval("record PatA(String x) {} record PatB(int y) {}\n"
                    + "final class Pats { static Object f(Object o) { return switch (o) { "
                    + "case PatA(String x) -> \"a\"; case PatB(int y) -> \"b\"; default -> \"d\"; }; } }");
            return notebook.eval("Pats.f(new PatB(1)) + \"\" + Pats.f(new PatA(\"s\")) + Pats.f(3)");
        });
        assertEquals(RunStatus.OK, outcome.status(), outcome.toString());
        assertTrue(outcome.values().getFirst().endsWith("==> \"bad\""), outcome.toString());
    }

    @Test
    void methodReferencesAreJudgedLikeDirectCalls() {
        CellOutcome printing = notebook.eval("List.of(\"x\").forEach(System.out::println);");
        assertEquals(RunStatus.OK, printing.status(), printing.toString());
        CellOutcome exiting = notebook.eval("java.util.function.IntConsumer quit = System::exit;");
        assertEquals(RunStatus.REJECTED, exiting.status(), exiting.toString());
        assertTrue(exiting.error().contains("java.lang.System::exit"), exiting.error());
        CellOutcome reading = notebook.eval("java.util.function.Predicate<java.nio.file.Path> readable = java.nio.file.Files::isReadable;");
        assertEquals(RunStatus.REJECTED, reading.status(), reading.toString());
    }

    @Test
    void compileErrorsAreWordedWithoutJShellsWrapperClass() {
        CellOutcome outcome = notebook.eval("int ok = 1;\nint sum = ok + missingName;");
        assertEquals(RunStatus.COMPILE_ERROR, outcome.status());
        CellDiagnostic diagnostic = outcome.diagnostics().getFirst();
        assertFalse(diagnostic.message().contains("location:"), diagnostic.message());
        assertTrue(diagnostic.message().contains("missingName"), diagnostic.message());
        assertEquals(2, diagnostic.line());
        assertEquals(16, diagnostic.column());
    }
}
