package otp;

import static org.junit.jupiter.api.Assertions.*;
import static otp.GenServer.*;
import static otp.ProcessTestSupport.next;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class GenServerInitTest {

    record Server(Init<Object> result) implements GenServer<Object, Object> {
        @Override public Init<Object> init(Object arg) { return result; }
        @Override public CallResult<Object> handleCall(Object request, From from, Object state) { return reply(state, state); }
        @Override public InfoResult<Object> handleInfo(Object msg, Object state) {
            if (msg instanceof Timeout) {
                return noreply("timed out");
            }
            return noreply(state);
        }
        @Override public ContinueResult<Object> handleContinue(Object term, Object state) { return noreply("continued " + term); }
    }

    @Test
    void counterFromTheDocsCountsThroughItsRegisteredName() {
        Counter.startLink(5);
        assertEquals(6, Counter.increment());
        assertEquals(7, Counter.increment());
        assertEquals(7, Counter.count());
    }

    @Test
    void initOkStartsTheServerWithThatState() {
        Pid pid = GenServer.start(new Server(ok("ready")), null);
        assertEquals("ready", GenServer.call(pid, "state"));
    }

    @Test
    void initOkWithTimeoutDeliversTimeoutToHandleInfo() {
        GenServer<Pid, Pid> server = new GenServer<>() {
            @Override public Init<Pid> init(Pid owner) { return ok(owner, timeout(10)); }
            @Override public InfoResult<Pid> handleInfo(Object msg, Pid owner) {
                Process.send(owner, msg);
                return noreply(owner);
            }
        };
        GenServer.start(server, Process.self());
        assertEquals(Timeout.TIMEOUT, next());
    }

    @Test
    void initOkWithContinueRunsHandleContinueBeforeAnyCall() {
        Pid pid = GenServer.start(new Server(ok("start", continueWith("load"))), null);
        assertEquals("continued load", GenServer.call(pid, "state"));
    }

    @Test
    void initStopFailsTheStartWithThatReason() {
        StartFailedException e = assertThrows(StartFailedException.class,
                () -> GenServer.start(new Server(stop(Reason.of("no config"))), null));
        assertEquals(Reason.of("no config"), e.reason());
    }

    @Test
    void initStopUnderStartLinkAlsoSendsTheExitSignalToTheTrappingCaller() {
        Process.trapExit(true);
        assertThrows(StartFailedException.class, () -> GenServer.startLink(new Server(stop(Reason.of("bad"))), null));
        assertEquals(Reason.of("bad"), next(Exit.class).reason());
    }

    @Test
    void initIgnoreReturnsNullAndTheProcessExitsNormally() {
        // Many times: the name must be free when start returns, not shortly after.
        for (int i = 0; i < 200; i++) {
            assertNull(GenServer.start(new Server(ignore()), null, "ignored_server"));
            assertNull(Process.whereis("ignored_server"));
        }
    }

    @Test
    void aServerThatStopsOrCrashesInInitHasGivenItsNameUpWhenStartReturns() {
        for (int i = 0; i < 200; i++) {
            assertThrows(StartFailedException.class,
                    () -> GenServer.start(new Server(stop(Reason.of("no config"))), null, "refused_server"));
            assertNull(Process.whereis("refused_server"));
            GenServer<Object, Object> crashing = arg -> { throw new IllegalStateException("boom"); };
            assertThrows(StartFailedException.class, () -> GenServer.start(crashing, null, "refused_server"));
            assertNull(Process.whereis("refused_server"));
        }
        Pid again = GenServer.start(new Server(ok(1)), null, "refused_server");
        assertEquals(again, Process.whereis("refused_server"));
        GenServer.stop(again);
    }

    @Test
    void initExceptionFailsTheStartWithTheExceptionAsReason() {
        GenServer<Object, Object> crashing = arg -> { throw new IllegalArgumentException("bad arg"); };
        StartFailedException e = assertThrows(StartFailedException.class, () -> GenServer.start(crashing, null));
        assertInstanceOf(Reason.ExceptionReason.class, e.reason());
    }

    @Test
    void initReturningNullFailsWithBadReturn() {
        StartFailedException e = assertThrows(StartFailedException.class, () -> GenServer.start(new Server(null), null));
        assertEquals(Reason.badReturn(null), e.reason());
    }

    @Test
    void startingUnderATakenNameFailsWithAlreadyStarted() {
        Pid first = GenServer.start(new Server(ok(1)), null, "taken_name");
        StartFailedException e = assertThrows(StartFailedException.class,
                () -> GenServer.start(new Server(ok(2)), null, "taken_name"));
        assertEquals(first, e.alreadyStarted());
        assertEquals(first, Process.whereis("taken_name"));
    }

    @Test
    void startLinkLinksTheServerToTheCaller() {
        Pid pid = GenServer.startLink(new Server(ok(1)), null);
        assertTrue(Process.processInfo(pid).orElseThrow().links().contains(Process.self()));
    }

    @Test
    void startingUnderATakenNameSpawnsNothingThatCouldSendAnExitToATrappingCaller() {
        Process.trapExit(true);
        Pid first = GenServer.startLink(new Server(ok(1)), null, "taken_twice");
        StartFailedException e = assertThrows(StartFailedException.class,
                () -> GenServer.startLink(new Server(ok(2)), null, "taken_twice"));
        assertEquals(first, e.alreadyStarted());
        assertTrue(Process.receive(Exit.class, 100).isEmpty());
    }

    @Test
    void initCanThrowItsReturnValue() {
        GenServer<Void, Integer> thrower = new GenServer<>() {
            @Override public Init<Integer> init(Void arg) {
                throw new GenServer.Throw(ok(41));
            }

            @Override public CallResult<Integer> handleCall(Object request, From from, Integer n) {
                return reply(n, n);
            }
        };
        Pid pid = GenServer.start(thrower, null);
        assertEquals(41, (int) GenServer.call(pid, "get"));
    }
}
