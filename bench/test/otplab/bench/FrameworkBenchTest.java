package otplab.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A quick run proves every contender answers every measurement correctly; its figures are not checked. */
class FrameworkBenchTest {

    @Test
    void aQuickRunFillsEveryMetricForOtpLabPekkoAndTheBaseline() throws Exception {
        var bytes = new ByteArrayOutputStream();
        new FrameworkBench().run(new BenchContext(new PrintStream(bytes, true, StandardCharsets.UTF_8), true));
        String report = bytes.toString(StandardCharsets.UTF_8);
        for (FrameworkBench.Metric metric : FrameworkBench.Metric.values()) {
            for (String contender : new String[] {"baseline", "OTP Lab", "Pekko"}) {
                assertTrue(report.lines().anyMatch(line -> line.startsWith("| " + metric.label)
                                && line.contains("| " + contender + " ")),
                        () -> metric.label + " has no figure for " + contender + " in:\n" + report);
            }
        }
    }
}
