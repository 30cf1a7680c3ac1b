package otp;

import static org.junit.jupiter.api.Assertions.*;
import static otp.ProcessTestSupport.next;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class MonitorTest {

    @Test
    void monitorDeliversDownWithTheExitReason() {
        Pid target = Process.spawn(() -> Process.exit(Reason.of("bye")));
        Ref ref = Process.monitor(target);
        Down down = next(Down.class);
        assertEquals(ref, down.ref());
        assertEquals(target, down.pid());
        assertTrue(down.reason().equals(Reason.of("bye")) || down.reason().equals(Reason.NOPROC));
    }

    @Test
    void monitoringADeadProcessDeliversNoproc() {
        Monitored m = Process.spawnMonitor(() -> { });
        next(Down.class);
        Ref ref = Process.monitor(m.pid());
        assertEquals(new Down(ref, m.pid(), Reason.NOPROC), next(Down.class));
    }

    @Test
    void spawnMonitorSeesEvenAnImmediateExit() {
        Monitored m = Process.spawnMonitor(() -> Process.exit(Reason.of("at once")));
        assertEquals(new Down(m.ref(), m.pid(), Reason.of("at once")), next(Down.class));
    }

    @Test
    void monitorDoesNotKillTheWatcher() {
        Monitored m = Process.spawnMonitor(() -> { throw new RuntimeException("crash"); });
        assertInstanceOf(Reason.ExceptionReason.class, next(Down.class).reason());
        assertTrue(Process.isAlive(Process.self()));
    }

    @Test
    void demonitorStopsTheDownMessage() {
        Pid target = Process.spawn(() -> Process.receive());
        Ref ref = Process.monitor(target);
        assertTrue(Process.demonitor(ref));
        Process.send(target, "go");
        assertTrue(Process.receive(Down.class, 50).isEmpty());
    }

    @Test
    void demonitorWithFlushRemovesADownAlreadyDelivered() {
        Monitored m = Process.spawnMonitor(() -> { });
        ProcessTestSupport.eventually(() -> !Process.isAlive(m.pid()));
        assertTrue(Process.demonitor(m.ref(), true));
        assertTrue(Process.receive(Down.class, 20).isEmpty());
    }

    @Test
    void killedProcessReportsKilledToMonitors() {
        Pid target = Process.spawn(() -> Process.receive(x -> false));
        Ref ref = Process.monitor(target);
        Process.exit(target, Reason.KILL);
        assertEquals(new Down(ref, target, Reason.KILLED), next(Down.class));
    }

    @Test
    void processInfoListsMonitorsBothWays() {
        Pid target = Process.spawn(() -> Process.receive(x -> false));
        Process.monitor(target);
        assertEquals(List.of(target), Process.processInfo(Process.self()).orElseThrow().monitors());
        assertEquals(List.of(Process.self()), Process.processInfo(target).orElseThrow().monitoredBy());
        Process.exit(target, Reason.KILL);
    }

    @Test
    void demonitorReturnsTrueEvenAfterTheDownArrived() {
        Monitored m = Process.spawnMonitor(() -> { });
        next(Down.class);
        assertTrue(Process.demonitor(m.ref()));
        assertTrue(Process.demonitor(m.ref(), true));
    }

    @Test
    void noDownEverArrivesAfterDemonitorWithFlushEvenWhileTheTargetsAreExiting() {
        for (int i = 0; i < 5_000; i++) {
            Pid target = Process.spawn(() -> Process.receive());
            Ref ref = Process.monitor(target);
            Process.send(target, "exit now");
            Process.demonitor(ref, true);
        }
        assertTrue(Process.receive(Down.class, 100).isEmpty());
    }

    @Test
    void monitoringARegisteredNameWatchesTheProcessHoldingIt() {
        Pid target = Process.spawn(() -> Process.receive());
        Process.register("monitored_by_name", target);
        Ref ref = Process.monitor("monitored_by_name");
        Process.send("monitored_by_name", "go");
        assertEquals(new Down(ref, target, Reason.NORMAL), next(Down.class));
    }

    @Test
    void monitoringANameNobodyHoldsDeliversDownWithNoproc() {
        Ref ref = Process.monitor("nobody_has_this_name");
        assertEquals(new Down(ref, null, Reason.NOPROC), next(Down.class));
        assertTrue(Process.demonitor(ref));
    }
}
