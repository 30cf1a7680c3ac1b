package otp;

import static org.junit.jupiter.api.Assertions.*;
import static otp.GenServer.*;
import static otp.ProcessTestSupport.next;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class GenServerStopTest {

    /** Reports terminate to its owner; "crash" throws, "null" returns null, "stop" stops. */
    record Reporter(Pid owner, boolean trap) implements GenServer<Void, String> {
        @Override public Init<String> init(Void arg) {
            Process.trapExit(trap);
            return ok("state");
        }

        @Override public CallResult<String> handleCall(Object request, From from, String state) {
            return switch ((String) request) {
                case "crash" -> throw new IllegalStateException("boom");
                case "null" -> null;
                default -> stop(Reason.of("told to"), state);
            };
        }

        @Override public void terminate(Reason reason, String state) {
            Process.send(owner, "terminate " + reason);
        }
    }

    @Test
    void stopFromTheClientRunsTerminateAndWaits() {
        Pid pid = GenServer.start(new Reporter(Process.self(), false), null);
        GenServer.stop(pid);
        assertEquals("terminate normal", next());
        assertFalse(Process.isAlive(pid));
    }

    @Test
    void stopWithReasonEndsTheServerWithThatReason() {
        Pid pid = GenServer.start(new Reporter(Process.self(), false), null);
        Ref ref = Process.monitor(pid);
        GenServer.stop(pid, Reason.SHUTDOWN, 1000);
        assertEquals(Reason.SHUTDOWN, next(Down.class).reason());
    }

    @Test
    void stopResultFromACallbackRunsTerminateWithThatReason() {
        Pid pid = GenServer.start(new Reporter(Process.self(), false), null);
        assertThrows(CalleeExitedException.class, () -> GenServer.call(pid, "stop"));
        assertEquals("terminate told to", next());
    }

    @Test
    void callbackExceptionStopsTheServerWithTheExceptionAsReasonAfterTerminate() {
        Pid pid = GenServer.start(new Reporter(Process.self(), false), null);
        CalleeExitedException e = assertThrows(CalleeExitedException.class, () -> GenServer.call(pid, "crash"));
        Reason.ExceptionReason reason = assertInstanceOf(Reason.ExceptionReason.class, e.calleeReason());
        assertEquals("boom", reason.exception().getMessage());
        assertTrue(((String) next()).startsWith("terminate ** (IllegalStateException) boom"));
        assertTrue(ProcessTestSupport.LOG.stream().anyMatch(l -> l.contains("terminating") && l.contains("boom")));
    }

    @Test
    void invalidReturnStopsTheServerWithBadReturnValue() {
        Pid pid = GenServer.start(new Reporter(Process.self(), false), null);
        CalleeExitedException e = assertThrows(CalleeExitedException.class, () -> GenServer.call(pid, "null"));
        assertEquals(Reason.badReturn(null), e.calleeReason());
        assertEquals("terminate {bad_return_value, null}", next());
    }

    @Test
    void trappedShutdownFromTheParentRunsTerminate() {
        Pid me = Process.self();
        Pid parent = Process.spawn(() -> {
            GenServer.startLink(new Reporter(me, true), null);
            Process.send(me, "started");
            Process.receive();
        });
        assertEquals("started", next());
        Process.exit(parent, Reason.SHUTDOWN);
        assertEquals("terminate shutdown", next());
    }

    @Test
    void parentShutdownWithoutTrappingSkipsTerminate() {
        Pid me = Process.self();
        Pid[] server = new Pid[1];
        Pid parent = Process.spawn(() -> {
            server[0] = GenServer.startLink(new Reporter(me, false), null);
            Process.send(me, "started");
            Process.receive();
        });
        assertEquals("started", next());
        Ref ref = Process.monitor(server[0]);
        Process.exit(parent, Reason.SHUTDOWN);
        assertEquals(Reason.SHUTDOWN, next(Down.class).reason());
        assertTrue(Process.receive(String.class, 30).isEmpty());
    }

    @Test
    void killNeverRunsTerminate() {
        Pid pid = GenServer.start(new Reporter(Process.self(), true), null);
        Ref ref = Process.monitor(pid);
        Process.exit(pid, Reason.KILL);
        assertEquals(Reason.KILLED, next(Down.class).reason());
        assertTrue(Process.receive(String.class, 30).isEmpty());
    }

    @Test
    void stoppingAServerThatIsNotRunningThrowsNoProc() {
        assertThrows(NoProcException.class, () -> GenServer.stop("never_started"));
    }

    /** terminate blocks until it is told to go on, or exits with a reason of its own. */
    record Lingering(Pid owner) implements GenServer<String, String> {
        @Override public Init<String> init(String mode) {
            return ok(mode);
        }

        @Override public void terminate(Reason reason, String mode) {
            if (mode.equals("exit other")) {
                Process.exit(Reason.of("other"));
            }
            Process.send(owner, "terminating");
            Process.receive(m -> m.equals("go on"));
        }
    }

    // Elixir 1.14 on OTP 25: GenServer.stop(pid, :normal, 50) exits {:timeout, {GenServer, :stop, [pid, :normal, 50]}}
    // and leaves the server running its terminate; Erlang's gen_server:stop exits plain timeout.
    @Test
    void stopThatTimesOutExitsWithTimeoutAndTheStopCallAndLeavesTheServerTerminating() {
        Pid pid = GenServer.start(new Lingering(Process.self()), "linger");
        CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> GenServer.stop(pid, Reason.NORMAL, 50));
        assertEquals(Reason.of(new CallExit("timeout", new Mfa("GenServer", "stop", List.of(pid, Reason.NORMAL, 50L)))), e.reason());
        assertEquals("terminating", next());
        assertTrue(Process.isAlive(pid));
        Ref ref = Process.monitor(pid);
        Process.send(pid, "go on");
        assertEquals(Reason.NORMAL, next(Down.class).reason());
    }

    @Test
    void stopOfADeadPidExitsWithNoprocAndTheStopCall() {
        Pid pid = GenServer.start(new Reporter(Process.self(), false), null);
        GenServer.stop(pid);
        NoProcException e = assertThrows(NoProcException.class, () -> GenServer.stop(pid));
        assertEquals(Reason.of(new CallExit("noproc", new Mfa("GenServer", "stop", List.of(pid, Reason.NORMAL, "infinity")))), e.reason());
    }

    @Test
    void stopWhoseServerExitsWithAnotherReasonExitsWithThatReasonAndTheStopCall() {
        Pid pid = GenServer.start(new Lingering(Process.self()), "exit other");
        CalleeExitedException e = assertThrows(CalleeExitedException.class, () -> GenServer.stop(pid));
        assertEquals(Reason.of(new CallExit(Reason.of("other"), new Mfa("GenServer", "stop", List.of(pid, Reason.NORMAL, "infinity")))), e.reason());
    }
}
