package otp;

import static org.junit.jupiter.api.Assertions.*;
import static otp.GenServer.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class GenServerCallTest {

    /** Answers "echo" at once, parks "later" callers until "release", sleeps on "slow", dies on "die". */
    static final class Echo implements GenServer<Void, From> {
        @Override public Init<From> init(Void arg) { return ok(null); }

        @Override public CallResult<From> handleCall(Object request, From from, From parked) {
            return switch ((String) request) {
                case "echo" -> reply("echo", parked);
                case "later" -> noreply(from);
                case "release" -> {
                    GenServer.reply(parked, "released");
                    yield reply("done", null);
                }
                case "slow" -> {
                    Process.sleep(200);
                    yield reply("too late", parked);
                }
                case "die" -> throw new IllegalStateException("died mid-call");
                case "self" -> reply(GenServer.<Object>call(Process.self(), "echo"), parked);
                default -> stop(Reason.NORMAL, "bye", parked);
            };
        }
    }

    @Test
    void callReturnsTheReplyOfHandleCall() {
        Pid pid = GenServer.start(new Echo(), null);
        String answer = GenServer.call(pid, "echo");
        assertEquals("echo", answer);
    }

    @Test
    void defaultCallTimeoutIsFiveSeconds() {
        assertEquals(5000, GenServer.DEFAULT_CALL_TIMEOUT_MS);
    }

    @Test
    void callTimesOutWithCallTimeoutException() {
        Pid pid = GenServer.start(new Echo(), null);
        assertThrows(CallTimeoutException.class, () -> GenServer.call(pid, "slow", 20));
    }

    @Test
    void lateReplyAfterATimeoutIsDropped() {
        Pid pid = GenServer.start(new Echo(), null);
        assertThrows(CallTimeoutException.class, () -> GenServer.call(pid, "slow", 20));
        assertEquals("echo", GenServer.call(pid, "echo"));
        assertTrue(Process.receive(50).isEmpty(), "the late reply must not reach the mailbox");
    }

    @Test
    void callToADeadServerThrowsNoProc() {
        Pid pid = GenServer.start(new Echo(), null);
        GenServer.stop(pid);
        assertThrows(NoProcException.class, () -> GenServer.call(pid, "echo"));
    }

    @Test
    void callToAnUnregisteredNameThrowsNoProc() {
        assertThrows(NoProcException.class, () -> GenServer.call("nobody_registered", "echo"));
    }

    @Test
    void callingItselfThrowsCallingSelf() {
        Pid pid = GenServer.start(new Echo(), null);
        CalleeExitedException e = assertThrows(CalleeExitedException.class, () -> GenServer.call(pid, "self"));
        assertTrue(e.calleeReason().toString().contains("calling_self"), e.calleeReason().toString());
    }

    @Test
    void serverDyingMidCallThrowsCalleeExitedWithItsReason() {
        Pid pid = GenServer.start(new Echo(), null);
        CalleeExitedException e = assertThrows(CalleeExitedException.class, () -> GenServer.call(pid, "die"));
        assertInstanceOf(Reason.ExceptionReason.class, e.calleeReason());
    }

    @Test
    void everyCallerWaitingOnAServerLearnsThatItWasKilled() {
        Pid pid = GenServer.start(new Echo(), null);
        Pid me = Process.self();
        Runnable caller = () -> {
            try {
                GenServer.call(pid, "later");
                Process.send(me, "answered");
            } catch (CalleeExitedException e) {
                Process.send(me, e.calleeReason());
            }
        };
        Pid first = Process.spawn(caller);
        Pid second = Process.spawn(caller);
        ProcessTestSupport.eventually(() -> Process.processInfo(pid).orElseThrow().monitoredBy().containsAll(List.of(first, second)));
        Process.exit(pid, Reason.KILL);
        assertEquals(Reason.KILLED, ProcessTestSupport.next());
        assertEquals(Reason.KILLED, ProcessTestSupport.next());
    }

    @Test
    void noreplyThenReplyFromAnswersTheWaitingCallerLater() throws Exception {
        Pid pid = GenServer.start(new Echo(), null);
        Task<Object> waiting = Task.async(() -> GenServer.call(pid, "later"));
        ProcessTestSupport.eventually(() -> Process.processInfo(waiting.pid()).orElseThrow().status() == ProcessInfo.Status.WAITING
                && Process.processInfo(pid).orElseThrow().messageQueueLength() == 0
                && Process.processInfo(pid).orElseThrow().status() == ProcessInfo.Status.WAITING);
        assertEquals("done", GenServer.call(pid, "release"));
        assertEquals("released", Task.await(waiting, 1000));
    }

    @Test
    void stopWithReplyAnswersTheCallerAndEndsTheServer() {
        Pid pid = GenServer.start(new Echo(), null);
        Ref ref = Process.monitor(pid);
        assertEquals("bye", GenServer.call(pid, "quit"));
        assertEquals(Reason.NORMAL, ProcessTestSupport.next(Down.class).reason());
    }

    @Test
    void callFromAPlainThreadWorks() throws Exception {
        Pid pid = GenServer.start(new Echo(), null);
        Object[] answer = new Object[1];
        Thread thread = Thread.ofPlatform().start(() -> answer[0] = GenServer.call(pid, "echo"));
        thread.join();
        assertEquals("echo", answer[0]);
    }

    @Test
    void aCallTimeoutCarriesTheServerRequestAndTimeoutLikeElixirsExit() {
        Pid pid = GenServer.start(new Echo(), null);
        CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> GenServer.call(pid, "slow", 20));
        assertEquals(Reason.of(new CallExit("timeout", new Mfa("GenServer", "call", List.of(pid, "slow", 20L)))), e.reason());
        assertEquals("{timeout, {GenServer, call, [" + pid + ", slow, 20]}}", e.reason().toString());
        assertEquals(pid, e.server());
        assertEquals("slow", e.request());
        assertEquals(20, e.timeoutMs());
    }

    @Test
    void aCallToNobodyCarriesTheCallInItsNoprocExit() {
        NoProcException e = assertThrows(NoProcException.class, () -> GenServer.call("nobody_here", "x"));
        assertEquals("{noproc, {GenServer, call, [nobody_here, x, 5000]}}", e.reason().toString());
        assertEquals(new Mfa("GenServer", "call", List.of(new Name("nobody_here"), "x", 5000L)), e.call());
    }

    @Test
    void aServerDyingMidCallGivesAnExitCarryingItsReasonAndTheCall() {
        Pid pid = GenServer.start(new Echo(), null);
        CalleeExitedException e = assertThrows(CalleeExitedException.class, () -> GenServer.call(pid, "die"));
        CallExit exit = (CallExit) ((Reason.Other) e.reason()).term();
        assertEquals(e.calleeReason(), exit.reason());
        assertEquals(List.of(pid, "die", 5000L), exit.call().args());
    }

    @Test
    void handleCallCanThrowItsReplyFromDeepInside() {
        GenServer<Void, Integer> server = new GenServer<>() {
            @Override public Init<Integer> init(Void arg) { return ok(1); }

            @Override public CallResult<Integer> handleCall(Object request, From from, Integer n) {
                answerEarly(n);
                return reply("never", n);
            }

            private void answerEarly(int n) {
                throw new GenServer.Throw(reply("thrown " + n, n + 1));
            }
        };
        Pid pid = GenServer.start(server, null);
        assertEquals("thrown 1", GenServer.call(pid, "x"));
        assertEquals("thrown 2", GenServer.call(pid, "x"));
    }

    @Test
    void aThrownValueOfTheWrongKindStopsTheServerWithABadReturn() {
        GenServer<Void, Integer> server = new GenServer<>() {
            @Override public Init<Integer> init(Void arg) { return ok(1); }

            @Override public CastResult<Integer> handleCast(Object msg, Integer n) {
                throw new GenServer.Throw(reply("a reply from a cast", n));
            }
        };
        Pid pid = GenServer.start(server, null);
        Ref ref = Process.monitor(pid);
        GenServer.cast(pid, "x");
        assertInstanceOf(Reason.BadReturn.class, ProcessTestSupport.next(Down.class).reason());
        assertTrue(Process.demonitor(ref));
    }
}
