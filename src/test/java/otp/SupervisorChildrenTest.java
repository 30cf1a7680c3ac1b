package otp;

import static org.junit.jupiter.api.Assertions.*;
import static otp.GenServer.stop;
import static otp.ProcessTestSupport.next;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class SupervisorChildrenTest {

    @Test
    void whichChildrenAndCountChildrenDescribeTheChildren() {
        Pid me = Process.self();
        Pid sup = Supervisor.startLink(List.of(Worker.spec("wa", me), Worker.spec("wb", me)), Supervisor.Flags.defaults());
        assertEquals(List.of(new ChildInfo("wb", Process.whereis("wb"), ChildType.WORKER),
                new ChildInfo("wa", Process.whereis("wa"), ChildType.WORKER)), Supervisor.whichChildren(sup));
        assertEquals(new ChildCounts(2, 2, 0, 2), Supervisor.countChildren(sup));
        assertEquals(List.of(Process.whereis("wa"), Process.whereis("wb")), Process.processInfo(sup).orElseThrow().children());
    }

    @Test
    void terminateRestartAndDeleteChildFollowOtp() {
        Pid me = Process.self();
        Pid sup = Supervisor.startLink(List.of(Worker.spec("tc", me)), Supervisor.Flags.defaults());
        next();
        assertThrows(SupervisorException.class, () -> Supervisor.deleteChild(sup, "tc"));
        Supervisor.terminateChild(sup, "tc");
        assertEquals("stop tc", next());
        assertEquals(new ChildCounts(1, 0, 0, 1), Supervisor.countChildren(sup));
        Pid again = Supervisor.restartChild(sup, "tc");
        assertEquals("start tc", next());
        assertEquals(again, Process.whereis("tc"));
        SupervisorException running = assertThrows(SupervisorException.class, () -> Supervisor.restartChild(sup, "tc"));
        assertEquals(SupervisorException.Problem.RUNNING, running.problem());
        Supervisor.terminateChild(sup, "tc");
        Supervisor.deleteChild(sup, "tc");
        assertEquals(List.of(), Supervisor.whichChildren(sup));
        assertEquals(SupervisorException.Problem.NOT_FOUND,
                assertThrows(SupervisorException.class, () -> Supervisor.terminateChild(sup, "tc")).problem());
    }

    @Test
    void startChildAddsAChildAndRejectsADuplicateId() {
        Pid me = Process.self();
        Pid sup = Supervisor.startLink(List.of(), Supervisor.Flags.defaults());
        Pid pid = Supervisor.startChild(sup, Worker.spec("sc", me));
        assertEquals(pid, Process.whereis("sc"));
        assertEquals(SupervisorException.Problem.ALREADY_STARTED,
                assertThrows(SupervisorException.class, () -> Supervisor.startChild(sup, Worker.spec("sc", me))).problem());
    }

    @Test
    void aChildFailingToStartFailsTheSupervisorStartAndStopsTheStartedOnes() {
        Process.trapExit(true);
        Pid me = Process.self();
        ChildSpec failing = ChildSpec.worker("bad", () -> GenServer.startLink(arg -> GenServer.stop(Reason.of("no db")), null));
        StartFailedException e = assertThrows(StartFailedException.class,
                () -> Supervisor.startLink(List.of(Worker.spec("ok1", me), failing), Supervisor.Flags.defaults()));
        assertTrue(e.reason().toString().contains("failed_to_start_child, bad"), e.reason().toString());
        assertEquals("start ok1", next());
        assertEquals("stop ok1", next());
    }

    @Test
    void stopsChildrenInReverseOrderWhenTheSupervisorStops() {
        Pid me = Process.self();
        Pid sup = Supervisor.startLink(List.of(Worker.spec("s1", me), Worker.spec("s2", me), Worker.spec("s3", me)), Supervisor.Flags.defaults());
        next();
        next();
        next();
        GenServer.stop(sup);
        assertEquals(List.of("stop s3", "stop s2", "stop s1"), List.of(next(), next(), next()));
    }

    @Test
    void brutalKillShutdownSkipsTerminate() {
        Pid me = Process.self();
        Pid sup = Supervisor.startLink(List.of(Worker.spec("bk", me).withShutdown(Shutdown.BRUTAL_KILL)), Supervisor.Flags.defaults());
        next();
        Supervisor.terminateChild(sup, "bk");
        assertTrue(Process.receive(String.class, 30).isEmpty());
    }

    @Test
    void shutdownTimeoutKillsAChildThatDoesNotStopInTime() {
        Pid me = Process.self();
        GenServer<Void, Void> stubborn = new GenServer<>() {
            @Override public Init<Void> init(Void arg) {
                Process.trapExit(true);
                return GenServer.ok(null);
            }
            @Override public void terminate(Reason reason, Void state) {
                Process.sleep(10_000);
            }
        };
        Pid sup = Supervisor.startLink(List.of(ChildSpec.worker("slow", () -> GenServer.startLink(stubborn, null))
                .withShutdown(Shutdown.timeout(20))), Supervisor.Flags.defaults());
        Pid child = Supervisor.whichChildren(sup).getFirst().pid();
        Ref ref = Process.monitor(child);
        Supervisor.terminateChild(sup, "slow");
        assertEquals(Reason.KILLED, next(Down.class).reason());
    }

    @Test
    void nestedSupervisorsRestartWithinTheirOwnSubtree() {
        Pid me = Process.self();
        Supervisor.Module<String> inner = name -> new SupervisorSpec(Supervisor.Flags.defaults(), List.of(Worker.spec(name, me)));
        Pid top = Supervisor.startLink(List.of(
                Worker.spec("n_top", me),
                ChildSpec.supervisor("inner", () -> Supervisor.startLink(inner, "n_leaf"))), Supervisor.Flags.defaults());
        next();
        next();
        Pid innerPid = Supervisor.whichChildren(top).getFirst().pid();
        assertEquals(new ChildCounts(2, 2, 1, 1), Supervisor.countChildren(top));
        Worker.crash("n_leaf");
        assertEquals("start n_leaf", next());
        assertEquals(innerPid, Supervisor.whichChildren(top).getFirst().pid());
        assertTrue(Process.receive(String.class, 30).isEmpty());
    }

    @Test
    void whichChildrenListsTheNewestChildFirstLikeSupervisorWhichChildren() {
        Pid me = Process.self();
        Pid sup = Supervisor.startLink(List.of(Worker.spec("order_a", me), Worker.spec("order_b", me)), Supervisor.Flags.defaults());
        Supervisor.startChild(sup, Worker.spec("order_c", me));
        assertEquals(List.of("order_c", "order_b", "order_a"), Supervisor.whichChildren(sup).stream().map(ChildInfo::id).toList());
    }

    @Test
    void getChildspecReturnsTheSpecOfAKnownChildAndNotFoundOtherwise() {
        Pid me = Process.self();
        ChildSpec spec = Worker.spec("spec_a", me).withRestart(Restart.TRANSIENT);
        Pid sup = Supervisor.startLink(List.of(spec), Supervisor.Flags.defaults());
        assertEquals(spec, Supervisor.getChildspec(sup, "spec_a"));
        SupervisorException e = assertThrows(SupervisorException.class, () -> Supervisor.getChildspec(sup, "spec_none"));
        assertEquals(SupervisorException.Problem.NOT_FOUND, e.problem());
    }

    @Test
    void aGenServersChildSpecStartsItUnderItsClassNameAndCanBeOverridden() {
        Counter counter = new Counter();
        ChildSpec spec = counter.childSpec(5);
        assertEquals("Counter", spec.id());
        assertEquals(ChildType.WORKER, spec.type());
        Pid sup = Supervisor.startLink(List.of(spec, counter.childSpec(9).withId("second")), Supervisor.Flags.defaults());
        List<ChildInfo> children = Supervisor.whichChildren(sup);
        assertEquals(List.of("second", "Counter"), children.stream().map(ChildInfo::id).toList());
        assertEquals(9, (int) GenServer.call(children.getFirst().pid(), "count"));
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
        Pid sup = Supervisor.startLink(List.of(), Supervisor.Flags.defaults());
        SupervisorException stopped = assertThrows(SupervisorException.class,
                () -> Supervisor.startChild(sup, ChildSpec.worker("refusing", () -> GenServer.startLink(new Refusing(false), null))));
        assertEquals(SupervisorException.Problem.START_FAILED, stopped.problem());
        assertEquals(Reason.of("nope"), stopped.reason());
        SupervisorException crashed = assertThrows(SupervisorException.class,
                () -> Supervisor.startChild(sup, ChildSpec.worker("crashing", () -> GenServer.startLink(new Refusing(true), null))));
        Reason.ExceptionReason reason = assertInstanceOf(Reason.ExceptionReason.class, crashed.reason());
        assertEquals("no way", reason.exception().getMessage());
    }
}
