package otplab.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    void showsExpressionValuesTheWayJShellDoes() {
        CellOutcome outcome = notebook.eval("int answer = 40 + 2;\nanswer * 2");
        assertEquals(CellOutcome.OK, outcome.status(), outcome.toString());
        assertEquals("answer ==> 42", outcome.values().get(0));
        assertTrue(outcome.values().get(1).endsWith(" ==> 84"), outcome.values().toString());
    }

    @Test
    void laterCellsSeeClassesDeclaredByEarlierCells() {
        assertEquals(CellOutcome.OK, notebook.eval("class Counter { int n; int next() { return ++n; } }").status());
        CellOutcome outcome = notebook.eval("var c = new Counter();\nc.next();\nc.next()");
        assertEquals(CellOutcome.OK, outcome.status(), outcome.toString());
        assertTrue(outcome.values().getLast().endsWith("==> 2"), outcome.values().toString());
    }

    @Test
    void compileErrorsPointAtTheCellsOwnLine() {
        CellOutcome outcome = notebook.eval("int a = 1;\n\nString s = 42;");
        assertEquals(CellOutcome.COMPILE_ERROR, outcome.status());
        CellDiagnostic diagnostic = outcome.diagnostics().getFirst();
        assertEquals(3, diagnostic.line(), outcome.toString());
        assertEquals(12, diagnostic.column(), outcome.toString());
        assertEquals("error", diagnostic.severity());
    }

    @Test
    void refusedCallsNameTheCallAndTheLine() {
        CellOutcome outcome = notebook.eval("int a = 1;\nvoid quit() {\n  int b = 2;\n  System.exit(0);\n}");
        assertEquals(CellOutcome.REJECTED, outcome.status(), outcome.toString());
        assertTrue(outcome.error().contains("java.lang.System.exit"), outcome.error());
        assertEquals(4, outcome.diagnostics().getFirst().line(), outcome.toString());
    }

    @Test
    void runtimeErrorsReportTheExceptionAndTheCellLine() {
        CellOutcome outcome = notebook.eval("int zero = 0;\nint boom = 10 / zero;");
        assertEquals(CellOutcome.RUNTIME_ERROR, outcome.status());
        assertTrue(outcome.error().startsWith("java.lang.ArithmeticException: / by zero"), outcome.error());
        assertTrue(outcome.error().contains("line 2"), outcome.error());
    }

    @Test
    void fileAccessOutsideTmpIsRejectedAtRunTime() {
        CellOutcome outcome = notebook.eval("java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/hostname\"))");
        assertEquals(CellOutcome.REJECTED, outcome.status(), outcome.toString());
        assertTrue(outcome.error().contains("/etc/hostname"), outcome.error());
        CellOutcome tmp = notebook.eval("java.nio.file.Files.writeString(java.nio.file.Path.of(\"/tmp/otplab-notebook-test.txt\"), \"x\");\n"
                + "new java.io.File(\"/tmp/otplab-notebook-test.txt\").delete()");
        assertEquals(CellOutcome.OK, tmp.status(), tmp.toString());
    }

    @Test
    void completionOffersNamesFromTheSession() {
        notebook.eval("int uniqueCounterName = 1;");
        assertTrue(notebook.complete("uniqueCou", 9).contains("uniqueCounterName"));
    }
}
