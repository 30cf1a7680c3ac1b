package otplab.jvm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputCollectorTest {
    @Test
    void outputAndAnswerCountAgainstOneLimitAndPastItsSlackTheRunIsFlooded() {
        OutputCollector collector = new OutputCollector(1000, OutputListener.NONE);
        collector.add("out", new byte[600]);
        collector.add("err", new byte[600]);
        assertTrue(collector.truncated(), "two streams share the limit");
        assertFalse(collector.flooded().isDone(), "a cut within the slack is an honest worker's");
        assertTrue(collector.charge(1000));
        assertFalse(collector.charge(OutputCollector.FLOOD_SLACK));
        assertTrue(collector.flooded().isDone());
    }
}
