package otp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.*;

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
}
