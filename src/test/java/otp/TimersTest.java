package otp;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class TimersTest {

    @Test
    void sendAfterDeliversTheMessageLater() {
        Timers.sendAfter(Process.self(), "ding", 10);
        assertEquals("ding", ProcessTestSupport.next());
    }

    @Test
    void cancelTimerStopsDeliveryAndReportsTheTimeLeft() {
        Ref timer = Timers.sendAfter(Process.self(), "never", 10_000);
        long left = Timers.cancelTimer(timer).orElseThrow();
        assertTrue(left > 0 && left <= 10_000);
        assertTrue(Timers.cancelTimer(timer).isEmpty());
        assertTrue(Process.receive(20).isEmpty());
    }

    @Test
    void sendAfterWithZeroDelayNeverDropsItsMessage() {
        for (int i = 0; i < 1_000; i++) {
            Timers.sendAfter(Process.self(), i, 0);
        }
        Set<Object> got = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            got.add(ProcessTestSupport.next());
        }
        assertEquals(1_000, got.size());
    }

    @Test
    void oneMillisecondTickersKeepTickingWhileManyRunAtOnce() {
        Pid me = Process.self();
        int tickers = 50;
        for (int t = 0; t < tickers; t++) {
            Process.spawn(() -> {
                for (int tick = 0; tick < 200; tick++) {
                    Timers.sendAfter(Process.self(), "tick", 1);
                    Process.receive(m -> m.equals("tick"));
                }
                Process.send(me, "ticked 200 times");
            });
        }
        for (int t = 0; t < tickers; t++) {
            assertEquals("ticked 200 times", Process.receive(30_000).orElse("a ticker stopped"));
        }
    }
}
