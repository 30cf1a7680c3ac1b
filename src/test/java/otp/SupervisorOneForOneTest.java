package otp;

import static org.junit.jupiter.api.Assertions.*;
import static otp.ProcessTestSupport.next;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class SupervisorOneForOneTest {

    @Test
    void startsChildrenInOrder() {
        Pid me = Process.self();
        Supervisor.startLink(List.of(Worker.spec("a1", me), Worker.spec("b1", me), Worker.spec("c1", me)), Supervisor.Flags.defaults());
        assertEquals("start a1", next());
        assertEquals("start b1", next());
        assertEquals("start c1", next());
    }

    @Test
    void restartsOnlyTheCrashedChildUnderOneForOne() {
        Pid me = Process.self();
        Supervisor.startLink(List.of(Worker.spec("a2", me), Worker.spec("b2", me)), Supervisor.Flags.of(Strategy.ONE_FOR_ONE));
        next();
        next();
        Pid oldB = Process.whereis("b2");
        Pid a = Process.whereis("a2");
        Worker.crash("b2");
        assertEquals("start b2", next());
        assertNotEquals(oldB, Process.whereis("b2"));
        assertEquals(a, Process.whereis("a2"));
        assertEquals("b2", GenServer.call("b2", "ping"));
    }

    @Test
    void transientChildIsNotRestartedAfterANormalExit() {
        Pid me = Process.self();
        Pid sup = Supervisor.startLink(List.of(Worker.spec("t3", me).withRestart(Restart.TRANSIENT)), Supervisor.Flags.defaults());
        next();
        GenServer.stop("t3");
        assertEquals("stop t3", next());
        assertTrue(Process.receive(String.class, 50).isEmpty());
        assertNull(Supervisor.whichChildren(sup).getFirst().pid());
    }

    @Test
    void transientChildIsRestartedAfterACrash() {
        Pid me = Process.self();
        Supervisor.startLink(List.of(Worker.spec("t4", me).withRestart(Restart.TRANSIENT)), Supervisor.Flags.defaults());
        next();
        Worker.crash("t4");
        assertEquals("start t4", next());
    }

    @Test
    void temporaryChildIsNeverRestartedAndIsForgotten() {
        Pid me = Process.self();
        Pid sup = Supervisor.startLink(List.of(Worker.spec("t5", me).withRestart(Restart.TEMPORARY)), Supervisor.Flags.defaults());
        next();
        Worker.crash("t5");
        assertTrue(Process.receive(String.class, 50).isEmpty());
        assertEquals(List.of(), Supervisor.whichChildren(sup));
    }

    @Test
    void permanentChildIsRestartedEvenAfterANormalExit() {
        Pid me = Process.self();
        Supervisor.startLink(List.of(Worker.spec("p6", me)), Supervisor.Flags.defaults());
        next();
        GenServer.stop("p6");
        assertEquals("stop p6", next());
        assertEquals("start p6", next());
    }

    @Test
    void restartIsTracedWithTheOldAndNewPid() {
        Pid me = Process.self();
        Pid sup = Supervisor.startLink(List.of(Worker.spec("r7", me)), Supervisor.Flags.defaults());
        next();
        Pid old = Process.whereis("r7");
        java.util.concurrent.CopyOnWriteArrayList<TraceEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Trace.Subscription ignored = Trace.subscribe(events::add)) {
            Worker.crash("r7");
            next();
            // The new child can greet us before its supervisor has published the restart.
            ProcessTestSupport.eventually(() -> events.stream().anyMatch(e -> e instanceof TraceEvent.ChildRestarted));
        }
        TraceEvent.ChildRestarted restarted = events.stream().filter(e -> e instanceof TraceEvent.ChildRestarted)
                .map(e -> (TraceEvent.ChildRestarted) e).findFirst().orElseThrow();
        assertEquals(sup, restarted.supervisor());
        assertEquals("r7", restarted.childId());
        assertEquals(old, restarted.oldPid());
        assertEquals(Process.whereis("r7"), restarted.newPid());
        assertEquals(Reason.KILLED, restarted.reason());
    }
}
