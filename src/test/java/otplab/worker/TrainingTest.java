package otplab.worker;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class TrainingTest {

    @Test
    void theTrainingRunsLessonCellsAndAGradingWhoseOutcomesAreAsWrittenAndGivesBackTheConsole() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        assertDoesNotThrow(Training::run);
        assertSame(out, System.out);
        assertSame(err, System.err);
    }
}
