import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.GenServer;
import otp.Pid;

class CounterTest {
    @Test
    @Tag("task:1")
    @DisplayName("a new counter holds its initial value")
    void newCounterHoldsInitialValue() {
        Pid counter = Counter.startLink(5);
        assertEquals(5, Counter.value(counter));
        GenServer.stop(counter);
    }

    @Test
    @Tag("task:2")
    @DisplayName("increment answers the new count")
    void incrementAnswersNewCount() {
        Pid counter = Counter.startLink(0);
        assertEquals(1, Counter.increment(counter));
        assertEquals(2, Counter.increment(counter));
        assertEquals(2, Counter.value(counter));
        GenServer.stop(counter);
    }

    @Test
    @Tag("task:2")
    @DisplayName("add answers the new count")
    void addAnswersNewCount() {
        Pid counter = Counter.startLink(10);
        assertEquals(15, Counter.add(counter, 5));
        GenServer.stop(counter);
    }

    @Test
    @Tag("task:3")
    @DisplayName("reset brings the count back to zero")
    void resetBringsCountToZero() {
        Pid counter = Counter.startLink(3);
        Counter.reset(counter);
        assertEquals(0, Counter.value(counter));
        GenServer.stop(counter);
    }

    @Test
    @Tag("task:3")
    @DisplayName("a named counter is reached by its name")
    void namedCounterIsReachedByName() {
        Pid counter = Counter.startLink(7, "visible_counter");
        assertEquals(8, Counter.increment("visible_counter"));
        assertEquals(8, Counter.value(counter));
        GenServer.stop(counter);
    }
}
