import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.ChildInfo;
import otp.GenServer;
import otp.Pid;
import otp.Process;
import otp.Supervisor;

class WorkerSupervisorTest {
    Pid crew;

    @AfterEach
    void stopCrew() {
        if (crew != null && Process.isAlive(crew)) {
            GenServer.stop(crew);
        }
    }

    /** Waits until name belongs to a process other than old (a restart), failing after 5 s. */
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

    /** The pid the supervisor lists for child id once it no longer lists old (null: not running). */
    static Pid awaitChildChange(Pid sup, String id, Pid old) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            Pid now = childPid(sup, id);
            if (now == null || !now.equals(old)) {
                return now;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the supervisor still lists the old " + id + " after 5 s");
    }

    static Pid childPid(Pid sup, String id) {
        return Supervisor.whichChildren(sup).stream()
                .filter(child -> child.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the supervisor has no child " + id))
                .pid();
    }

    @Test
    @Tag("task:1")
    @DisplayName("three workers start in order with ids worker-1, worker-2, worker-3")
    void startsTheWorkersInOrder() {
        crew = WorkerSupervisor.startLink(3);
        List<Object> ids = Supervisor.whichChildren(crew).stream().map(ChildInfo::id).toList();
        // whichChildren lists the newest child first, as supervisor:which_children does
        assertEquals(List.of("worker-3", "worker-2", "worker-1"), ids);
    }

    @Test
    @Tag("task:1")
    @DisplayName("each worker is registered under its id and takes jobs")
    void workersAreRegisteredUnderTheirIds() {
        crew = WorkerSupervisor.startLink(2);
        for (ChildInfo child : Supervisor.whichChildren(crew)) {
            assertEquals(child.pid(), Process.whereis((String) child.id()));
        }
        assertEquals("worker-2 did sort letters", Worker.submit("worker-2", "sort letters"));
    }

    @Test
    @Tag("task:2")
    @DisplayName("a crash restarts only the crashed worker")
    void restartsOnlyTheCrashedWorker() {
        crew = WorkerSupervisor.startLink(3);
        Pid first = Process.whereis("worker-1");
        Pid second = Process.whereis("worker-2");
        Pid third = Process.whereis("worker-3");
        Worker.crash("worker-2");
        assertNotEquals(second, awaitNewPid("worker-2", second));
        assertEquals(first, Process.whereis("worker-1"));
        assertEquals(third, Process.whereis("worker-3"));
    }

    @Test
    @Tag("task:2")
    @DisplayName("the restarted worker counts from zero, the others keep their counts")
    void othersKeepTheirCounts() {
        crew = WorkerSupervisor.startLink(2);
        Worker.submit("worker-1", "wash cups");
        Worker.submit("worker-2", "dry cups");
        Worker.submit("worker-2", "stack cups");
        Pid first = Process.whereis("worker-1");
        Worker.crash("worker-1");
        awaitNewPid("worker-1", first);
        assertEquals(0, Worker.processed("worker-1"));
        assertEquals(2, Worker.processed("worker-2"));
    }

    @Test
    @Tag("task:3")
    @DisplayName("a worker that finishes normally is not started again")
    void finishedWorkerStaysStopped() {
        crew = WorkerSupervisor.startLink(2);
        Pid first = Process.whereis("worker-1");
        Worker.finish("worker-1");
        assertNull(awaitChildChange(crew, "worker-1", first), "worker-1 finished normally but was started again");
        assertNull(Process.whereis("worker-1"));
        assertTrue(Process.isAlive(crew));
    }

    @Test
    @Tag("task:3")
    @DisplayName("a worker that crashes is still started again")
    void crashedWorkerStillComesBack() {
        crew = WorkerSupervisor.startLink(2);
        Pid second = Process.whereis("worker-2");
        Worker.crash("worker-2");
        Pid replacement = awaitChildChange(crew, "worker-2", second);
        assertTrue(replacement != null && Process.isAlive(replacement), "worker-2 crashed and was not restarted");
    }

    @Test
    @Tag("task:4")
    @DisplayName("the crew survives four crashes in a row")
    void survivesFourCrashes() {
        crew = WorkerSupervisor.startLink(2);
        for (int i = 0; i < 4; i++) {
            Pid worker = Process.whereis("worker-1");
            Worker.crash("worker-1");
            awaitNewPid("worker-1", worker);
        }
        assertTrue(Process.isAlive(crew));
        assertEquals("worker-1 did still here", Worker.submit("worker-1", "still here"));
    }
}
