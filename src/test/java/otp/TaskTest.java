package otp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.*;

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
}
