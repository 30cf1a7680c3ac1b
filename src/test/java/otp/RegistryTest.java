package otp;

import static org.junit.jupiter.api.Assertions.*;
import static otp.GenServer.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class RegistryTest {

    @Test
    void registerAndLookupAUniqueKey() {
        Registry.startLink("reg_basic");
        Registry.register("reg_basic", "alice", 42);
        assertEquals(new Registry.Entry(Process.self(), 42), Registry.lookup("reg_basic", "alice").orElseThrow());
        Pid other = Process.spawnLink(() -> {
            try {
                Registry.register("reg_basic", "alice", 1);
                Process.exit(Reason.of("registered twice"));
            } catch (AlreadyRegisteredException expected) {
                Process.receive();
            }
        });
        ProcessTestSupport.eventually(() -> Process.processInfo(other).map(i -> i.status() == ProcessInfo.Status.WAITING).orElse(false));
    }

    @Test
    void entriesDisappearWhenTheirProcessExits() {
        Registry.startLink("reg_exit");
        Monitored m = Process.spawnMonitor(() -> {
            Registry.register("reg_exit", "bob", null);
            Process.receive();
        });
        ProcessTestSupport.eventually(() -> Registry.lookup("reg_exit", "bob").isPresent());
        Process.send(m.pid(), "bye");
        ProcessTestSupport.next(Down.class);
        assertTrue(Registry.lookup("reg_exit", "bob").isEmpty());
    }

    @Test
    void viaNameWorksAsAGenServerName() {
        Registry.startLink("reg_via");
        Pid pid = GenServer.startLink(new Counter(), 10, Registry.via("reg_via", "counter-1"));
        assertEquals(pid, Registry.lookup("reg_via", "counter-1").orElseThrow().pid());
        assertEquals(11, (int) GenServer.call(Registry.via("reg_via", "counter-1"), "increment"));
        assertThrows(StartFailedException.class, () -> GenServer.start(new Counter(), 0, Registry.via("reg_via", "counter-1")));
    }

    @Test
    void usingAnUnknownRegistryIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Registry.register("no_such_registry", "k", 1));
        assertTrue(e.getMessage().contains("no_such_registry"));
    }

    @Test
    void unregisteringAKeyTheCallerDoesNotHoldLeavesItsHolderInPlace() {
        Registry.startLink("reg_unheld");
        Pid holder = Process.spawnLink(() -> {
            Registry.register("reg_unheld", "taken", 1);
            Process.receive();
        });
        ProcessTestSupport.eventually(() -> Registry.lookup("reg_unheld", "taken").isPresent());
        Registry.unregister("reg_unheld", "taken");
        Registry.unregister("reg_unheld", "never_registered");
        assertEquals(holder, Registry.lookup("reg_unheld", "taken").orElseThrow().pid());
    }
}
