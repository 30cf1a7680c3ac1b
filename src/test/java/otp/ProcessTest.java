package otp;

import static org.junit.jupiter.api.Assertions.*;
import static otp.ProcessTestSupport.next;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class ProcessTest {

    @Test
    void spawnedProcessRunsAndReceivesMessages() {
        Pid me = Process.self();
        Pid echo = Process.spawn(() -> {
            Object msg = Process.receive();
            Process.send(me, "echo:" + msg);
        });
        Process.send(echo, "hi");
        assertEquals("echo:hi", next());
    }

    @Test
    void selfReturnsTheOwnPidInsideAProcess() {
        Pid me = Process.self();
        Pid child = Process.spawn(() -> Process.send(me, Process.self()));
        assertEquals(child, next());
    }

    @Test
    void pidPrintsLikeElixir() {
        assertTrue(Process.self().toString().matches("#PID<0\\.\\d+\\.0>"));
    }

    @Test
    void receiveWithTimeoutReturnsEmptyWhenNoMessageArrives() {
        assertEquals(Optional.empty(), Process.receive(20));
    }

    @Test
    void aShortTimedReceiveEndsWhileALongerOneStartedEarlierIsStillWaiting() {
        Pid me = Process.self();
        Pid patient = Process.spawn(() -> {
            Process.send(me, "waiting");
            Process.send(me, Process.receive(60_000).orElse("timed out"));
        });
        assertEquals("waiting", next());
        Process.spawn(() -> Process.send(me, Process.receive(20).isEmpty() ? "gave up" : "got one"));
        assertEquals("gave up", next());
        Process.send(patient, "finally");
        assertEquals("finally", next());
    }

    @Test
    void receiveReturnsAMessageThatArrivesBeforeItsTimeout() {
        Pid me = Process.self();
        Pid waiter = Process.spawn(() -> Process.send(me, Process.receive(60_000).orElse("timed out")));
        Process.send(waiter, "in time");
        assertEquals("in time", next());
    }

    @Test
    void selectiveReceiveTakesTheMatchingMessageAndKeepsTheOthersInOrder() {
        Pid me = Process.self();
        Process.send(me, "a");
        Process.send(me, 1);
        Process.send(me, "b");
        Process.send(me, 2);
        assertEquals(1, Process.receive(Integer.class));
        assertEquals(2, Process.receive(Integer.class));
        assertEquals("a", next());
        assertEquals("b", next());
    }

    @Test
    void messagesBetweenAPairOfProcessesArriveInSendOrder() {
        Pid me = Process.self();
        int count = 10_000;
        Process.spawn(() -> {
            for (int i = 0; i < count; i++) {
                Process.send(me, i);
            }
        });
        List<Object> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            got.add(next());
        }
        for (int i = 0; i < count; i++) {
            assertEquals(i, got.get(i));
        }
    }

    @Test
    void sendingToADeadPidIsSilentlyDropped() {
        Monitored dead = Process.spawnMonitor(() -> { });
        next(Down.class);
        assertDoesNotThrow(() -> Process.send(dead.pid(), "anyone?"));
        assertFalse(Process.isAlive(dead.pid()));
    }

    @Test
    void registeredNameResolvesWithWhereisAndIsFreedOnExit() {
        Monitored proc = Process.spawnMonitor(() -> Process.receive());
        Process.register("proc_test_named", proc.pid());
        assertEquals(proc.pid(), Process.whereis("proc_test_named"));
        Process.send("proc_test_named", "stop");
        next(Down.class);
        assertNull(Process.whereis("proc_test_named"));
    }

    @Test
    void registeringATakenNameIsAnError() {
        Pid a = Process.spawnLink(() -> Process.receive());
        Pid b = Process.spawnLink(() -> Process.receive());
        Process.register("proc_test_taken", a);
        AlreadyRegisteredException e = assertThrows(AlreadyRegisteredException.class, () -> Process.register("proc_test_taken", b));
        assertEquals(a, e.owner());
    }

    @Test
    void unregisterFreesANameWhoeverHoldsItAndANameNobodyHoldsIsAnError() {
        Pid other = Process.spawn(() -> Process.receive());
        Process.register("proc_test_held_by_other", other);
        Process.unregister("proc_test_held_by_other");
        assertNull(Process.whereis("proc_test_held_by_other"));
        assertThrows(IllegalArgumentException.class, () -> Process.unregister("proc_test_held_by_other"));
        Process.send(other, "done");
    }

    @Test
    void sendingToAnUnregisteredNameIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Process.send("nobody_here", "hello"));
    }

    @Test
    void processInfoReportsNameStatusQueueAndLinks() {
        Pid me = Process.self();
        Pid child = Process.spawnLink(() -> Process.receive(m -> m.equals("go")));
        Process.register("proc_test_info", child);
        Process.send(child, "waiting-1");
        Process.send(child, "waiting-2");
        ProcessTestSupport.eventually(() -> Process.processInfo(child).orElseThrow().messageQueueLength() == 2
                && Process.processInfo(child).orElseThrow().status() == ProcessInfo.Status.WAITING);
        ProcessInfo info = Process.processInfo(child).orElseThrow();
        assertEquals("proc_test_info", info.name());
        assertEquals(List.of(me), info.links());
        assertEquals(me, info.parent());
    }

    @Test
    void processInfoIsEmptyForADeadProcess() {
        Monitored m = Process.spawnMonitor(() -> { });
        next(Down.class);
        assertTrue(Process.processInfo(m.pid()).isEmpty());
    }

    @Test
    void crashInAProcessIsLoggedAsOneLineWithoutAStackTrace() {
        Process.spawnMonitor(() -> { throw new IllegalStateException("boom"); });
        Down down = next(Down.class);
        assertInstanceOf(Reason.ExceptionReason.class, down.reason());
        assertEquals(1, ProcessTestSupport.LOG.size());
        String line = ProcessTestSupport.LOG.getFirst();
        assertTrue(line.contains("IllegalStateException") && line.contains("boom"), line);
        assertFalse(line.contains("\n"), line);
    }

    @Test
    void manyProcessesCanWaitAtOnce() {
        Pid me = Process.self();
        List<Pid> pids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            pids.add(Process.spawn(() -> Process.send(me, Process.receive())));
        }
        for (Pid pid : pids) {
            Process.send(pid, "x");
        }
        for (int i = 0; i < pids.size(); i++) {
            assertEquals("x", next());
        }
    }
}
