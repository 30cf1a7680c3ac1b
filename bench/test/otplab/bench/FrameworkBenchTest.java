package otplab.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A quick run proves every contender answers every measurement correctly, the BEAM side included
 * when erl is installed (the table says so when it is not); its figures are not checked.
 */
class FrameworkBenchTest {

    @Test
    void aQuickRunFillsEveryMetricForOtpLabPekkoTheBaselineAndTheBeamWhenErlIsInstalled() throws Exception {
        var bytes = new ByteArrayOutputStream();
        new FrameworkBench().run(new BenchContext(new PrintStream(bytes, true, StandardCharsets.UTF_8), true));
        String report = bytes.toString(StandardCharsets.UTF_8);
        boolean beam = Beam.missingTool().isEmpty();
        List<String> contenders = beam ? List.of("baseline", "OTP Lab", "Pekko", "BEAM") : List.of("baseline", "OTP Lab", "Pekko");
        for (FrameworkBench.Metric metric : FrameworkBench.Metric.values()) {
            for (String contender : contenders) {
                assertTrue(report.lines().anyMatch(line -> line.startsWith("| " + metric.label)
                                && line.contains("| " + contender + " ")),
                        () -> metric.label + " has no figure for " + contender + " in:\n" + report);
            }
        }
        String expected = beam ? "BEAM: Erlang/OTP " : "BEAM: not measured";
        assertTrue(report.lines().anyMatch(line -> line.startsWith(expected)), () -> "no line starting " + expected + " in:\n" + report);
    }

    @Test
    void theTracedContenderRunsOtpLabWithTheLessonPagesObserverFollowingEveryEvent() throws Exception {
        var bytes = new ByteArrayOutputStream();
        String before = System.getProperty(FrameworkBench.CONTENDERS_PROPERTY);
        System.setProperty(FrameworkBench.CONTENDERS_PROPERTY, "otp,otp-traced");
        try {
            new FrameworkBench().run(new BenchContext(new PrintStream(bytes, true, StandardCharsets.UTF_8), true));
        } finally {
            if (before == null) {
                System.clearProperty(FrameworkBench.CONTENDERS_PROPERTY);
            } else {
                System.setProperty(FrameworkBench.CONTENDERS_PROPERTY, before);
            }
        }
        String report = bytes.toString(StandardCharsets.UTF_8);
        for (FrameworkBench.Metric metric : FrameworkBench.Metric.values()) {
            assertTrue(report.lines().anyMatch(line -> line.startsWith("| " + metric.label) && line.contains("| OTP Lab, traced ")),
                    () -> metric.label + " has no figure for OTP Lab, traced in:\n" + report);
        }
    }
}
