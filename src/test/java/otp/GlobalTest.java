package otp;

import static org.junit.jupiter.api.Assertions.*;
import static otp.GenServer.ok;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class GlobalTest {
    private record Server(Init<Object> result) implements GenServer<Object, Object> {
        @Override public Init<Object> init(Object arg) { return result; }
    }

    @Test
    void aServerCanBeStartedAndCalledUnderAGlobalName() {
        Pid pid = GenServer.start(new Server(ok(7)), null, Global.name("global_seven"));
        assertEquals(pid, Global.whereisName("global_seven"));
        assertEquals(pid, GenServer.whereis(Global.name("global_seven")));
        assertNull(Process.whereis("global_seven"));
        StartFailedException e = assertThrows(StartFailedException.class,
                () -> GenServer.start(new Server(ok(8)), null, Global.name("global_seven")));
        assertEquals(pid, e.alreadyStarted());
        GenServer.stop(Global.name("global_seven"));
        assertNull(Global.whereisName("global_seven"));
    }

    @Test
    void aGlobalNameIsFreedWhenItsProcessExits() {
        Pid holder = Process.spawn(() -> Process.receive());
        assertTrue(Global.registerName("global_holder", holder));
        assertFalse(Global.registerName("global_holder", Process.self()));
        assertTrue(Global.registeredNames().contains("global_holder"));
        Ref ref = Process.monitor(Global.name("global_holder"));
        Process.send(Global.name("global_holder"), "go");
        ProcessTestSupport.next(Down.class);
        assertNull(Global.whereisName("global_holder"));
        assertTrue(Global.registerName("global_holder", Process.self()));
        Global.unregisterName("global_holder");
        assertNull(Global.whereisName("global_holder"));
        assertTrue(Process.demonitor(ref));
    }
}
