import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.GenServer;
import otp.Pid;
import otp.Process;

class TickerTest {
    @Test
    @Tag("task:1")
    @DisplayName("the listener receives Tick(1), Tick(2), Tick(3) in order")
    void listenerReceivesNumberedTicks() {
        Pid ticker = Ticker.startLink(10, Process.self());
        for (int expected = 1; expected <= 3; expected++) {
            Optional<Tick> tick = Process.receive(Tick.class, 2_000);
            assertEquals(Optional.of(new Tick(expected)), tick);
        }
        GenServer.stop(ticker);
    }

    @Test
    @Tag("task:2")
    @DisplayName("after pause returns, no tick arrives")
    void pauseStopsTicks() {
        Pid ticker = Ticker.startLink(5, Process.self());
        Process.receive(Tick.class, 2_000).orElseThrow();
        int count = Ticker.pause(ticker);
        while (Process.receive(Tick.class, 0).isPresent()) {
            // drop ticks sent before the pause
        }
        assertTrue(count >= 1, "pause answers the ticks so far");
        assertEquals(Optional.empty(), Process.receive(Tick.class, 60));
        assertEquals(count, Ticker.count(ticker));
        GenServer.stop(ticker);
    }

    @Test
    @Tag("task:3")
    @DisplayName("the ticker stops when its listener exits")
    void tickerStopsWithItsListener() {
        Pid listener = Process.spawn(() -> Process.receive(Tick.class, 5_000));
        Pid ticker = Ticker.startLink(1_000, listener);
        otp.Ref watch = Process.monitor(ticker);
        Process.exit(listener, otp.Reason.KILL);
        assertTrue(Process.receive(m -> m instanceof otp.Down down && down.ref().equals(watch), 4_000).isPresent(),
                "the ticker is still alive 4 s after its listener died");
    }
}
