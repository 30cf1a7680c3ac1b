package otp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static otp.ProcessTestSupport.next;

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
}
