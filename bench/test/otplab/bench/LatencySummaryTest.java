package otplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void reportsTheMedianTheNearestRank95thPercentileAndTheLargest() {
        List<Double> millis = IntStream.rangeClosed(1, 100).mapToObj(i -> (double) (101 - i)).toList();
        LatencySummary summary = LatencySummary.of(millis);
        assertEquals(100, summary.count());
        assertEquals(50.5, summary.p50());
        assertEquals(95.0, summary.p95());
        assertEquals(100.0, summary.max());
        assertEquals("0.051 / 0.095 / 0.100 s", summary.seconds());
    }

    @Test
    void oneSlowRunInTwentyIsAbove95PercentButTwoMakeThe95thPercentileSlow() {
        List<Double> oneSlow = IntStream.range(0, 20).mapToObj(i -> i == 7 ? 9000.0 : 200.0).toList();
        assertEquals(200.0, LatencySummary.of(oneSlow).p95());
        List<Double> twoSlow = IntStream.range(0, 20).mapToObj(i -> i == 7 || i == 12 ? 9000.0 : 200.0).toList();
        assertEquals(9000.0, LatencySummary.of(twoSlow).p95());
        assertEquals(200.0, LatencySummary.of(twoSlow).p50());
    }

    @Test
    void nothingMeasuredIsSaidAsADashNotAsZero() {
        LatencySummary summary = LatencySummary.of(List.of());
        assertEquals(0, summary.count());
        assertTrue(Double.isNaN(summary.p95()));
        assertEquals(Format.NONE, summary.seconds());
    }
}
