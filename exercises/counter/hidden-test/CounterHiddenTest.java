import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.GenServer;
import otp.Pid;
import otp.Process;

class CounterHiddenTest {
    @Test
    @Tag("task:1")
    @DisplayName("each counter is its own process with its own state")
    void countersAreIndependent() {
        Pid a = Counter.startLink(1);
        Pid b = Counter.startLink(100);
        assertNotEquals(a, b);
        assertTrue(Process.isAlive(a) && Process.isAlive(b));
        Counter.increment(a);
        assertEquals(2, Counter.value(a));
        assertEquals(100, Counter.value(b));
        GenServer.stop(a);
        GenServer.stop(b);
    }

    @Test
    @Tag("task:2")
    @DisplayName("add accepts negative amounts")
    void addAcceptsNegativeAmounts() {
        Pid counter = Counter.startLink(10);
        assertEquals(7, Counter.add(counter, -3));
        assertEquals(-3, Counter.add(counter, -10));
        GenServer.stop(counter);
    }

    @Test
    @Tag("task:2")
    @DisplayName("a thousand increments from four processes all count")
    void concurrentIncrementsAllCount() throws InterruptedException {
        Pid counter = Counter.startLink(0);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 250; i++) {
                    Counter.increment(counter);
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(1000, Counter.value(counter));
        GenServer.stop(counter);
    }

    @Test
    @Tag("task:3")
    @DisplayName("reset is a cast: it returns before the server handles it, and later calls see it")
    void resetIsACast() {
        Pid counter = Counter.startLink(0, "hidden_counter");
        Counter.increment("hidden_counter");
        Counter.reset(counter);
        Counter.increment("hidden_counter");
        assertEquals(1, Counter.value("hidden_counter"));
        GenServer.stop(counter);
    }
}
