package otplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The BEAM side's output becomes the same samples as a JVM contender's; a broken run is an error, not figures. */
class BeamTest {

    @Test
    void perRoundFiguresBecomeSamplesAndRestartRoundsTheirMediansAndP99s() throws IOException {
        Beam.Figures figures = Beam.parse(List.of("release 25", "call 1.0 3.0 2.0", "cast 7.5 8.5",
                "spawn_time 2.0", "spawn_memory 2.5", "restart_round 1000 2000 3000", "restart_round 3000 4000 5000",
                "ring 400 500 450", "done"));
        assertEquals("25", figures.release());
        assertEquals(2.0, figures.samples().get(FrameworkBench.Metric.CALL).median());
        assertEquals(8.0, figures.samples().get(FrameworkBench.Metric.CAST).median());
        assertEquals(3.0, figures.samples().get(FrameworkBench.Metric.RESTART_MEDIAN).median());
        assertEquals(4.0, figures.samples().get(FrameworkBench.Metric.RESTART_P99).median());
        assertEquals(450.0, figures.samples().get(FrameworkBench.Metric.RING).median());
    }

    @Test
    void aRunThatDidNotFinishOrFailedIsAnError() {
        assertThrows(IOException.class, () -> Beam.parse(List.of("release 25", "call 1.0")));
        IOException failed = assertThrows(IOException.class, () -> Beam.parse(List.of("release 25", "error error:badarg []")));
        assertTrue(failed.getMessage().contains("error:badarg"), failed.getMessage());
    }

    @Test
    void thePlanTravelsAsKeyValueArgumentsWithOnlyTheChosenMetrics() {
        List<String> arguments = Beam.arguments(FrameworkBench.Plan.QUICK, Set.of("ring", "call"));
        assertEquals("metrics=call,ring", arguments.getFirst());
        assertTrue(arguments.contains("ring_size=" + FrameworkBench.Plan.QUICK.ringSize()));
    }
}
