package otplab.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import otplab.protocol.RunStatus;

/** What a learner sees of a cell: nothing runs before a compile error, values only where wanted, names in their words. */
class NotebookCellsTest {
    private static Notebook notebook;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeAll
    static void start() {
        notebook = new Notebook(new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() {
        notebook.close();
    }

    @BeforeEach
    void capture() {
        originalOut = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void release() {
        System.setOut(originalOut);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCompileErrorOnTheLastLineRunsNothingOfTheCell() {
        CellOutcome outcome = notebook.eval("System.out.println(\"before the error\");\nint n = 1;\nString s = 42;");
        assertEquals(RunStatus.COMPILE_ERROR, outcome.status(), outcome.toString());
        assertEquals("", printed());
        assertEquals(3, outcome.diagnostics().getFirst().line(), outcome.toString());
        CellOutcome later = notebook.eval("n");
        assertEquals(RunStatus.COMPILE_ERROR, later.status(), "the failed cell's variable must not exist: " + later);
    }

    @Test
    void aCellThatCompilesRunsItsStatementsInOrderUntilOneThrows() {
        CellOutcome outcome = notebook.eval("System.out.println(\"one\");\nint z = 0;\nint boom = 1 / z;\nSystem.out.println(\"never\");");
        assertEquals(RunStatus.RUNTIME_ERROR, outcome.status(), outcome.toString());
        assertEquals("one\n", printed());
        assertTrue(outcome.error().contains("line 3"), outcome.error());
    }

    @Test
    void declarationsShowNoValueButAFinalExpressionDoes() {
        CellOutcome declared = notebook.eval("List<Integer> pids = new ArrayList<>();\nfor (int i = 0; i < 3; i++) pids.add(i);\npids.add(3);");
        assertEquals(RunStatus.OK, declared.status(), declared.toString());
        assertEquals(List.of("==> true"), declared.values());
        CellOutcome onlyDeclarations = notebook.eval("int x = 1;\nString label = \"x\";");
        assertEquals(List.of(), onlyDeclarations.values());
        CellOutcome named = notebook.eval("pids");
        assertEquals(List.of("pids ==> [0, 1, 2, 3]"), named.values());
    }

    @Test
    void runningACellOutOfOrderSaysWhichNameIsMissingInWords() {
        CellOutcome compileTime = notebook.eval("System.out.println(counterFromAnotherCell);");
        assertEquals(RunStatus.COMPILE_ERROR, compileTime.status(), compileTime.toString());
        assertTrue(compileTime.error().contains("counterFromAnotherCell, which is not declared yet: run the cell above"),
                compileTime.error());

        assertEquals(RunStatus.OK, notebook.eval("int useLater() { return Helper.value(); }").status());
        CellOutcome runTime = notebook.eval("useLater()");
        assertEquals(RunStatus.COMPILE_ERROR, runTime.status(), runTime.toString());
        assertTrue(runTime.error().contains("Helper, which is not declared yet: run the cell above that declares it first"),
                runTime.error());
        assertFalse(runTime.error().contains("SPIResolutionException"), runTime.error());
    }

    @Test
    void valuesAndCrashesNameTheLearnersClassesWithoutJShellWrappers() {
        assertEquals(RunStatus.OK, notebook.eval("class Plain {}\nclass Broken extends RuntimeException { Broken() { super(\"broken\"); } }").status());
        CellOutcome value = notebook.eval("new Plain()");
        assertTrue(value.values().getFirst().startsWith("==> Plain@"), value.toString());
        CellOutcome thrown = notebook.eval("throw new Broken();");
        assertEquals(RunStatus.RUNTIME_ERROR, thrown.status(), thrown.toString());
        assertTrue(thrown.error().startsWith("Broken: broken"), thrown.error());
        assertFalse(thrown.error().contains("$JShell$"), thrown.error());
        CellOutcome nested = notebook.eval("class Deep {\n  static int divide(int a, int b) {\n    return a / b;\n  }\n}\nDeep.divide(1, 0);");
        assertTrue(nested.error().contains("at Deep.divide (line 3)"), nested.error());
        assertTrue(nested.error().contains("at this cell (line 6)"), nested.error());
    }

    @Test
    void crashReportsOfTheFrameworkNameTheLearnersClass() {
        assertEquals("[error] process <0.1.0> crashed: ** (Broken) boom (at Counter.handleCall:3)",
                Notebook.learnerNames("[error] process <0.1.0> crashed: ** (Broken) boom (at $JShell$17$Counter.handleCall:3)"));
    }
}
