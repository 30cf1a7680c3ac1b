package otp;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class TaskTest {

    @Test
    void awaitReturnsTheResultOfAsync() {
        Task<Integer> task = Task.async(() -> 6 * 7);
        assertEquals(42, Task.await(task, 1000));
    }

    @Test
    void awaitTimesOutWithTaskTimeoutException() {
        Task<Integer> task = Task.async(() -> {
            Process.sleep(5_000);
            return 1;
        });
        assertThrows(TaskTimeoutException.class, () -> Task.await(task, 20));
    }

    @Test
    void asyncTaskIsLinkedToTheCaller() {
        Process.trapExit(true);
        Task<Integer> task = Task.async(() -> { throw new IllegalStateException("task failed"); });
        Exit exit = ProcessTestSupport.next(Exit.class);
        assertEquals(task.pid(), exit.from());
        assertThrows(ExitException.class, () -> Task.await(task, 1000));
    }

    @Test
    void manyTasksCanBeAwaitedInAnyOrder() {
        Task<String> a = Task.async(() -> "a");
        Task<String> b = Task.async(() -> "b");
        assertEquals("b", Task.await(b, 1000));
        assertEquals("a", Task.await(a, 1000));
    }

    @Test
    void noStrayDownArrivesAfterThousandsOfAwaitsWhileLinkedProcessesExit() {
        Process.trapExit(true);
        for (int i = 0; i < 5_000; i++) {
            Process.spawnLink(() -> { });
            int n = i;
            assertEquals(n, Task.await(Task.async(() -> n)));
        }
        assertTrue(Process.receive(Down.class, 100).isEmpty());
    }

    @Test
    void yieldGivesTheResultOnceTheTaskHasOne() {
        Task<Integer> task = Task.async(() -> 6 * 7);
        assertEquals(Optional.of(new Task.Ok<>(42)), Task.yield(task, 5_000));
    }

    @Test
    void yieldReturnsEmptyWhileTheTaskRunsAndTheTaskCanStillBeAwaited() {
        Task<String> task = Task.async(() -> Process.receive(String.class));
        assertEquals(Optional.empty(), Task.yield(task, 10));
        Process.send(task.pid(), "done");
        assertEquals("done", Task.await(task));
    }

    @Test
    void yieldReportsHowATaskExited() {
        Process.trapExit(true);
        Task<Integer> task = Task.async(() -> { throw new ExitException(Reason.of("gave up")); });
        assertEquals(Optional.of(new Task.Exited<>(Reason.of("gave up"))), Task.yield(task, 5_000));
    }

    @Test
    void shutdownStopsARunningTaskWithoutTakingTheCallerDown() {
        Task<Integer> task = Task.async(() -> {
            Process.receive();
            return 1;
        });
        assertEquals(Optional.empty(), Task.shutdown(task));
        assertFalse(Process.isAlive(task.pid()));
        assertTrue(Process.isAlive(Process.self()));
    }

    @Test
    void shutdownOfAFinishedTaskStillGivesItsResult() {
        Task<Integer> task = Task.async(() -> 5);
        ProcessTestSupport.eventually(() -> !Process.isAlive(task.pid()));
        assertEquals(Optional.of(new Task.Ok<>(5)), Task.shutdown(task, Shutdown.BRUTAL_KILL));
    }
}
