import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.ChildCounts;
import otp.ChildInfo;
import otp.Exit;
import otp.GenServer;
import otp.Pid;
import otp.Process;
import otp.Reason;
import otp.Supervisor;

class WorkerSupervisorHiddenTest {
    Pid crew;

    @AfterEach
    void stopCrew() {
        if (crew != null && Process.isAlive(crew)) {
            GenServer.stop(crew);
        }
        Process.trapExit(false);
    }

    Pid awaitNewPid(String name, Pid old) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            Pid now = Process.whereis(name);
            if (now != null && !now.equals(old)) {
                return now;
            }
            Thread.onSpinWait();
        }
        String why = Process.isAlive(crew) ? "" : "; the supervisor itself has stopped (too many restarts?)";
        throw new AssertionError(name + " was not restarted within 5 s" + why);
    }

    static void awaitNotRunning(Pid sup, String id) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean stopped = Supervisor.whichChildren(sup).stream()
                    .anyMatch(child -> child.id().equals(id) && child.pid() == null);
            if (stopped) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the supervisor does not list " + id + " as stopped after 5 s");
    }

    @Test
    @Tag("task:1")
    @DisplayName("the number of workers follows the count given")
    void countFollowsTheArgument() {
        crew = WorkerSupervisor.startLink(1);
        assertEquals(List.of("worker-1"), Supervisor.whichChildren(crew).stream().map(ChildInfo::id).toList());
        GenServer.stop(crew);
        crew = WorkerSupervisor.startLink(5);
        ChildCounts counts = Supervisor.countChildren(crew);
        assertEquals(5, counts.workers());
        assertEquals(5, counts.active());
        assertEquals("worker-5 did the last job", Worker.submit("worker-5", "the last job"));
    }

    @Test
    @Tag("task:1")
    @DisplayName("a count below one is refused with IllegalArgumentException")
    void refusesAnEmptyCrew() {
        assertThrows(IllegalArgumentException.class, () -> WorkerSupervisor.startLink(0));
        assertThrows(IllegalArgumentException.class, () -> WorkerSupervisor.startLink(-2));
        assertNull(Process.whereis("worker-1"));
    }

    @Test
    @Tag("task:2")
    @DisplayName("a restarted worker takes jobs again under the same name")
    void restartedWorkerTakesJobs() {
        crew = WorkerSupervisor.startLink(3);
        Pid third = Process.whereis("worker-3");
        Worker.crash("worker-3");
        awaitNewPid("worker-3", third);
        assertEquals("worker-3 did fold towels", Worker.submit("worker-3", "fold towels"));
        assertEquals(1, Worker.processed("worker-3"));
    }

    @Test
    @Tag("task:2")
    @DisplayName("crashes of different workers leave each other's counts alone")
    void crashesDoNotTouchSiblings() {
        crew = WorkerSupervisor.startLink(3);
        Worker.submit("worker-1", "a");
        Worker.submit("worker-3", "b");
        Pid second = Process.whereis("worker-2");
        Worker.crash("worker-2");
        awaitNewPid("worker-2", second);
        Pid third = Process.whereis("worker-3");
        Worker.submit("worker-3", "c");
        assertEquals(1, Worker.processed("worker-1"));
        assertEquals(2, Worker.processed("worker-3"));
        assertEquals(third, Process.whereis("worker-3"));
    }

    @Test
    @Tag("task:3")
    @DisplayName("a finished worker stays listed and can be restarted by hand")
    void finishedWorkerCanBeRestartedByHand() {
        crew = WorkerSupervisor.startLink(3);
        Worker.finish("worker-2");
        awaitNotRunning(crew, "worker-2");
        ChildCounts counts = Supervisor.countChildren(crew);
        assertEquals(3, counts.specs());
        assertEquals(2, counts.active());
        Pid again = Supervisor.restartChild(crew, "worker-2");
        assertEquals(again, Process.whereis("worker-2"));
        assertEquals(0, Worker.processed("worker-2"));
    }

    @Test
    @Tag("task:4")
    @DisplayName("a fifth crash within ten seconds stops the crew with reason shutdown")
    void fifthCrashStopsTheCrew() {
        Process.trapExit(true);
        crew = WorkerSupervisor.startLink(2);
        for (int i = 0; i < 4; i++) {
            Pid worker = Process.whereis("worker-2");
            Worker.crash("worker-2");
            awaitNewPid("worker-2", worker);
        }
        Worker.crash("worker-2");
        Exit exit = Process.receive(Exit.class, 5_000).orElseThrow(() -> new AssertionError("the crew did not stop"));
        assertEquals(crew, exit.from());
        assertEquals(Reason.SHUTDOWN, exit.reason());
        assertFalse(Process.isAlive(crew));
        assertNull(Process.whereis("worker-1"));
    }

    @Test
    @Tag("task:4")
    @DisplayName("crashes of different workers count towards the same limit")
    void limitCountsAllWorkers() {
        Process.trapExit(true);
        crew = WorkerSupervisor.startLink(5);
        for (int n = 1; n <= 4; n++) {
            String name = "worker-" + n;
            Pid worker = Process.whereis(name);
            Worker.crash(name);
            awaitNewPid(name, worker);
        }
        Worker.crash("worker-5");
        Exit exit = Process.receive(Exit.class, 5_000).orElseThrow(() -> new AssertionError("the crew did not stop"));
        assertEquals(Reason.SHUTDOWN, exit.reason());
        assertFalse(Process.isAlive(crew));
    }
}
