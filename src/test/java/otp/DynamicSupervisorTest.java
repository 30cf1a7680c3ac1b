package otp;

import static org.junit.jupiter.api.Assertions.*;
import static otp.GenServer.ok;
import static otp.GenServer.stop;
import static otp.ProcessTestSupport.next;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class DynamicSupervisorTest {

    @Test
    void startChildAndTerminateChildManageChildrenAtRunTime() {
        Pid me = Process.self();
        Pid sup = DynamicSupervisor.startLink(DynamicSupervisor.Options.defaults());
        Pid a = DynamicSupervisor.startChild(sup, Worker.spec("da", me));
        assertEquals("start da", next());
        assertEquals(List.of(new ChildInfo("da", a, ChildType.WORKER)), DynamicSupervisor.whichChildren(sup));
        DynamicSupervisor.terminateChild(sup, a);
        assertEquals("stop da", next());
        assertEquals(new ChildCounts(0, 0, 0, 0), DynamicSupervisor.countChildren(sup));
    }

    @Test
    void maxChildrenRefusesOneTooMany() {
        Pid me = Process.self();
        Pid sup = DynamicSupervisor.startLink(DynamicSupervisor.Options.builder().maxChildren(1).build());
        DynamicSupervisor.startChild(sup, Worker.spec("dm1", me));
        SupervisorException e = assertThrows(SupervisorException.class, () -> DynamicSupervisor.startChild(sup, Worker.spec("dm2", me)));
        assertEquals(SupervisorException.Problem.MAX_CHILDREN, e.problem());
    }

    @Test
    void crashedPermanentChildIsRestartedWithANewPid() {
        Pid me = Process.self();
        Pid sup = DynamicSupervisor.startLink(DynamicSupervisor.Options.defaults());
        Pid a = DynamicSupervisor.startChild(sup, Worker.spec("dr", me));
        next();
        Worker.crash("dr");
        assertEquals("start dr", next());
        Pid b = DynamicSupervisor.whichChildren(sup).getFirst().pid();
        assertNotEquals(a, b);
    }

    /** Traps exits and, when asked to stop, says so and waits for "go" before it lets terminate return. */
    private record Lingering(String name, Pid observer) implements GenServer<Void, Void> {
        @Override public Init<Void> init(Void arg) {
            Process.trapExit(true);
            return ok(null);
        }

        @Override public void terminate(Reason reason, Void state) {
            Process.send(observer, "stopping " + name);
            Process.receive(m -> m.equals("go"));
        }
    }

    @Test
    void stoppingTheSupervisorAsksEveryChildToStopAtTheSameTime() {
        Pid me = Process.self();
        Pid sup = DynamicSupervisor.startLink(DynamicSupervisor.Options.defaults());
        List<Pid> children = new ArrayList<>();
        for (String name : List.of("l1", "l2", "l3")) {
            children.add(DynamicSupervisor.startChild(sup, ChildSpec.worker(name,
                    () -> GenServer.startLink(new Lingering(name, me), null))));
        }
        Process.spawn(() -> GenServer.stop(sup));
        Set<Object> stopping = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            stopping.add(next());
        }
        assertEquals(Set.of("stopping l1", "stopping l2", "stopping l3"), stopping);
        children.forEach(child -> Process.send(child, "go"));
    }

    @Test
    void whichChildrenListsDynamicChildrenInStartOrderLikeTheBeam() {
        Pid me = Process.self();
        Pid sup = DynamicSupervisor.startLink(DynamicSupervisor.Options.defaults());
        Pid a = DynamicSupervisor.startChild(sup, Worker.spec("dyn_a", me));
        Pid b = DynamicSupervisor.startChild(sup, Worker.spec("dyn_b", me));
        assertEquals(List.of(a, b), DynamicSupervisor.whichChildren(sup).stream().map(ChildInfo::pid).toList());
    }

    /** Refuses to start: its init stops with "nope" or throws. */
    private record Refusing(boolean crash) implements GenServer<Void, Void> {
        @Override public Init<Void> init(Void arg) {
            if (crash) {
                throw new IllegalStateException("no way");
            }
            return stop(Reason.of("nope"));
        }
    }

    @Test
    void startChildThatFailsToStartCarriesTheChildsReason() {
        Pid sup = DynamicSupervisor.startLink(DynamicSupervisor.Options.defaults());
        SupervisorException stopped = assertThrows(SupervisorException.class,
                () -> DynamicSupervisor.startChild(sup, ChildSpec.worker("refusing", () -> GenServer.startLink(new Refusing(false), null))));
        assertEquals(SupervisorException.Problem.START_FAILED, stopped.problem());
        assertEquals(Reason.of("nope"), stopped.reason());
        SupervisorException crashed = assertThrows(SupervisorException.class,
                () -> DynamicSupervisor.startChild(sup, ChildSpec.worker("crashing", () -> GenServer.startLink(new Refusing(true), null))));
        Reason.ExceptionReason reason = assertInstanceOf(Reason.ExceptionReason.class, crashed.reason());
        assertEquals("no way", reason.exception().getMessage());
    }
}
