package otplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verdict against issue 15's goal, and the words a reader sees for what went wrong. */
class ClassReportTest {
    private final ClassTally tally = new ClassTally();

    private ClassReport report() {
        return new ClassReport(new ClassResult(new ClassSettings(40, Duration.ofMinutes(3), Optional.empty(), 15), tally, 180,
                "1.0 1.0 1.0", "2.0 2.0 2.0", 0.5, Double.NaN, null, Map.of()));
    }

    private void fastRuns() {
        for (int i = 0; i < 40; i++) {
            tally.run(ClassTally.RunKind.LATER, 200 + i, 20, "ok", false);
        }
        tally.submit(2500, "pass", true);
    }

    @Test
    void fastRunsAndSubmitsWithoutErrorsOrLostSessionsMeetTheGoal() {
        fastRuns();
        assertTrue(report().goalMet());
    }

    @Test
    void oneErrorOrOneLostSessionMissesTheGoalHoweverFastTheRest() {
        fastRuns();
        tally.lost("every worker was in use, so the server gave this page's worker to another page");
        assertFalse(report().goalMet());
    }

    @Test
    void aSlowTailOfRunsMissesTheGoalAndTheTableSaysWhatWentWrong() {
        fastRuns();
        for (int i = 0; i < 3; i++) {
            tally.run(ClassTally.RunKind.FIRST, 12_000, 11_000, "ok", true);
        }
        tally.error("run answered with an error message", "genserver cell counter: all workers are busy right now");
        ClassReport report = report();
        assertFalse(report.goalMet());
        assertEquals(12_000, report.runs().p95());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("| run answered with an error message | 1     | genserver cell counter: all workers are busy"), printed);
        assertTrue(printed.contains("this run had 40): p95 run <= 1 s, p95 submit <= 3 s, 0 errors, 0 lost: missed"), printed);
    }
}
