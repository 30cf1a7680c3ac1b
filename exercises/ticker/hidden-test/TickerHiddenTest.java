import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.Down;
import otp.GenServer;
import otp.Pid;
import otp.Process;
import otp.Reason;
import otp.Ref;

class TickerHiddenTest {
    @Test
    @Tag("task:1")
    @DisplayName("the first tick waits for the interval")
    void firstTickWaitsForInterval() {
        Pid ticker = Ticker.startLink(300, Process.self());
        assertEquals(Optional.empty(), Process.receive(Tick.class, 50));
        GenServer.stop(ticker);
    }

    @Test
    @Tag("task:2")
    @DisplayName("resume continues the count where pause left it")
    void resumeContinuesCount() {
        Pid ticker = Ticker.startLink(5, Process.self());
        Process.receive(Tick.class, 2_000).orElseThrow();
        int paused = Ticker.pause(ticker);
        while (Process.receive(Tick.class, 0).isPresent()) {
            // drop ticks sent before the pause
        }
        Ticker.resume(ticker);
        assertEquals(Optional.of(new Tick(paused + 1)), Process.receive(Tick.class, 2_000));
        GenServer.stop(ticker);
    }

    @Test
    @Tag("task:2")
    @DisplayName("pausing twice and resuming twice change nothing more")
    void pauseAndResumeAreIdempotent() {
        Pid ticker = Ticker.startLink(5, Process.self());
        Process.receive(Tick.class, 2_000).orElseThrow();
        int first = Ticker.pause(ticker);
        assertEquals(first, Ticker.pause(ticker));
        while (Process.receive(Tick.class, 0).isPresent()) {
            // drop ticks sent before the pause
        }
        Ticker.resume(ticker);
        Ticker.resume(ticker);
        Tick next = Process.receive(Tick.class, 2_000).orElseThrow();
        Tick after = Process.receive(Tick.class, 2_000).orElseThrow();
        assertEquals(first + 1, next.count());
        assertEquals(first + 2, after.count(), "two timers would make ticks skip or double");
        int paused = Ticker.pause(ticker);
        while (Process.receive(Tick.class, 0).isPresent()) {
            // drop ticks sent before the pause
        }
        assertEquals(Optional.empty(), Process.receive(Tick.class, 60));
        assertEquals(paused, Ticker.count(ticker));
        GenServer.stop(ticker);
    }

    @Test
    @Tag("task:2")
    @DisplayName("resuming a running ticker keeps one timer: ticks come no faster than one per interval")
    void resumingARunningTickerKeepsOneTimer() {
        long interval = 50;
        Pid ticker = Ticker.startLink(interval, Process.self());
        Ticker.resume(ticker);
        Ticker.resume(ticker);
        long started = System.nanoTime();
        int before = Ticker.count(ticker);
        Process.sleep(1_000);
        int after = Ticker.pause(ticker);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        // One timer spaces ticks at least an interval apart, however busy the machine: this bound never fails it.
        long most = elapsedMs / interval + 1;
        assertTrue(after - before <= most, (after - before) + " ticks in " + elapsedMs + " ms at one per " + interval
                + " ms (at most " + most + "): more than one timer is running");
        GenServer.stop(ticker);
    }

    @Test
    @Tag("task:3")
    @DisplayName("a ticker whose listener is gone exits with reason normal")
    void exitsNormallyWhenListenerIsGone() {
        Pid listener = Process.spawn(() -> Process.receive(Tick.class, 5_000));
        Pid ticker = GenServer.start(new Ticker(), new Ticker.Config(1_000, listener));
        Ref watch = Process.monitor(ticker);
        Process.exit(listener, Reason.KILL);
        Down down = Process.receive(Down.class, 2_000).orElseThrow();
        assertEquals(watch, down.ref());
        assertEquals(Reason.NORMAL, down.reason());
        assertFalse(Process.isAlive(ticker));
    }
}
