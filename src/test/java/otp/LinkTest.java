package otp;

import static org.junit.jupiter.api.Assertions.*;
import static otp.ProcessTestSupport.eventually;
import static otp.ProcessTestSupport.next;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class LinkTest {

    private static Pid waiter() {
        return Process.spawn(() -> Process.receive(m -> false));
    }

    @Test
    void abnormalExitOfALinkedProcessKillsAProcessThatDoesNotTrapExits() {
        Pid victim = waiter();
        Ref watch = Process.monitor(victim);
        Pid crasher = Process.spawn(() -> {
            Process.link(victim);
            Process.exit(Reason.of("boom"));
        });
        Down down = next(Down.class);
        assertEquals(watch, down.ref());
        assertEquals(Reason.of("boom"), down.reason());
        assertFalse(Process.isAlive(crasher));
    }

    @Test
    void normalExitOfALinkedProcessIsIgnoredWithoutTrapping() {
        Pid survivor = waiter();
        Monitored linker = Process.spawnMonitor(() -> Process.link(survivor));
        assertEquals(Reason.NORMAL, next(Down.class).reason());
        assertTrue(Process.isAlive(survivor));
        Process.exit(survivor, Reason.KILL);
    }

    @Test
    void trappingExitsTurnsALinkedCrashIntoAnExitMessage() {
        Process.trapExit(true);
        Pid child = Process.spawnLink(() -> Process.exit(Reason.of("crash")));
        Exit exit = next(Exit.class);
        assertEquals(child, exit.from());
        assertEquals(Reason.of("crash"), exit.reason());
    }

    @Test
    void trappingExitsAlsoDeliversNormalExitsAsMessages() {
        Process.trapExit(true);
        Pid child = Process.spawnLink(() -> { });
        assertEquals(new Exit(child, Reason.NORMAL), next(Exit.class));
    }

    @Test
    void killCannotBeTrappedAndLinksSeeKilled() {
        Process.trapExit(true);
        Pid trapper = Process.spawnLink(() -> {
            Process.trapExit(true);
            Process.receive(m -> false);
        });
        Process.exit(trapper, Reason.KILL);
        Exit exit = next(Exit.class);
        assertEquals(trapper, exit.from());
        assertEquals(Reason.KILLED, exit.reason());
    }

    @Test
    void exitWithShutdownIsTrappedAsAMessage() {
        Pid me = Process.self();
        Pid trapper = Process.spawn(() -> {
            Process.trapExit(true);
            Process.send(me, "ready");
            Process.send(me, Process.receive(Exit.class));
        });
        assertEquals("ready", next());
        Process.exit(trapper, Reason.shutdown("bye"));
        assertEquals(Reason.shutdown("bye"), next(Exit.class).reason());
    }

    @Test
    void exitSignalWithNormalReasonIsIgnoredByANonTrappingProcess() {
        Pid target = waiter();
        Process.exit(target, Reason.NORMAL);
        assertTrue(Process.isAlive(target));
        Process.exit(target, Reason.SHUTDOWN);
        eventually(() -> !Process.isAlive(target));
    }

    @Test
    void exitSignalEndsABusyProcessAtOnce() {
        Pid busy = Process.spawn(() -> {
            while (true) {
                Process.sleep(1);
            }
        });
        Ref ref = Process.monitor(busy);
        Process.exit(busy, Reason.of("stop it"));
        assertEquals(new Down(ref, busy, Reason.of("stop it")), next(Down.class));
    }

    @Test
    void unlinkStopsExitSignalsFromTravelling() {
        Pid other = waiter();
        Process.link(other);
        Process.unlink(other);
        Process.exit(other, Reason.KILL);
        Process.trapExit(true);
        assertTrue(Process.receive(50).isEmpty());
        assertTrue(Process.processInfo(Process.self()).orElseThrow().links().isEmpty());
    }

    @Test
    void linkToADeadProcessSendsNoproc() {
        Monitored dead = Process.spawnMonitor(() -> { });
        next(Down.class);
        Process.trapExit(true);
        Process.link(dead.pid());
        assertEquals(new Exit(dead.pid(), Reason.NOPROC), next(Exit.class));
    }

    @Test
    void crashPropagatesThroughAChainOfLinks() {
        Pid last = waiter();
        Ref ref = Process.monitor(last);
        Pid middle = Process.spawn(() -> {
            Process.link(last);
            Process.receive(m -> false);
        });
        eventually(() -> Process.processInfo(last).orElseThrow().links().contains(middle));
        Process.spawn(() -> {
            Process.link(middle);
            throw new IllegalStateException("first domino");
        });
        Down down = next(Down.class);
        assertEquals(ref, down.ref());
        assertInstanceOf(Reason.ExceptionReason.class, down.reason());
    }

    @Test
    void linkingToADeadProcessWithoutTrappingThrowsACatchableNoprocAndTheCallerLives() {
        Monitored dead = Process.spawnMonitor(() -> { });
        next(Down.class);
        NoProcException e = assertThrows(NoProcException.class, () -> Process.link(dead.pid()));
        assertEquals(dead.pid(), e.server());
        assertTrue(Process.isAlive(Process.self()));
        assertTrue(Process.processInfo(Process.self()).orElseThrow().links().isEmpty());
    }
}
