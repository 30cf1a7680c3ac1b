package otplab.worker;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import otplab.protocol.RunStatus;

class TrainingTest {

    @Test
    void everyTrainingCellEndsWithTheStatusAndValueItIsWrittenFor() {
        try (Notebook notebook = new Notebook(new PrintStream(OutputStream.nullOutputStream()))) {
            for (Training.TrainingCell cell : Training.CELLS) {
                CellOutcome outcome = notebook.eval(cell.code());
                assertEquals(cell.status(), outcome.status(), cell.code() + " -> " + outcome);
                if (!cell.lastValueEnding().isEmpty()) {
                    assertTrue(outcome.values().getLast().endsWith(cell.lastValueEnding()), outcome.values().toString());
                }
            }
        }
    }

    @Test
    void theTrainingCoversAFailingCellAsWellAsWorkingOnes() {
        assertTrue(Training.CELLS.stream().anyMatch(c -> c.status() == RunStatus.COMPILE_ERROR));
        assertTrue(Training.CELLS.stream().filter(c -> c.status() == RunStatus.OK).count() >= 3);
    }

    @Test
    void aCellThatEndsOtherwiseThanWrittenIsNotTakenForATrainedOne() {
        Training.TrainingCell cell = new Training.TrainingCell("1 + 2", RunStatus.OK, "==> 3");
        assertTrue(Training.endsAsWritten(cell, new CellOutcome(RunStatus.OK, List.of("$1 ==> 3"), List.of(), "")));
        assertEquals(false, Training.endsAsWritten(cell, new CellOutcome(RunStatus.OK, List.of("$1 ==> 4"), List.of(), "")));
        assertEquals(false, Training.endsAsWritten(cell, new CellOutcome(RunStatus.COMPILE_ERROR, List.of(), List.of(), "")));
    }

    @Test
    void theWholeTrainingRunsAndGivesBackTheConsole() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        assertDoesNotThrow(Training::run);
        assertSame(out, System.out);
        assertSame(err, System.err);
    }
}
