package otp;

import static org.junit.jupiter.api.Assertions.*;
import static otp.GenServer.*;
import static otp.ProcessTestSupport.next;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class GenServerInfoTest {

    /** Forwards every info message to its owner, and on "later" returns a continue. */
    record Forwarder(Pid owner) implements GenServer<Void, Integer> {
        @Override public Init<Integer> init(Void arg) { return ok(0); }

        @Override public InfoResult<Integer> handleInfo(Object msg, Integer n) {
            Process.send(owner, msg);
            return msg.equals("later") ? noreply(n, continueWith("after later")) : noreply(n + 1);
        }

        @Override public ContinueResult<Integer> handleContinue(Object term, Integer n) {
            Process.send(owner, term);
            return noreply(n);
        }

        @Override public CallResult<Integer> handleCall(Object request, From from, Integer n) {
            return reply(n, n);
        }
    }

    @Test
    void plainMessagesGoToHandleInfo() {
        Pid pid = GenServer.start(new Forwarder(Process.self()), null);
        Process.send(pid, "hello");
        assertEquals("hello", next());
    }

    @Test
    void handleContinueRunsRightAfterTheCallbackThatAskedForIt() {
        Pid pid = GenServer.start(new Forwarder(Process.self()), null);
        Process.send(pid, "later");
        Process.send(pid, "next");
        assertEquals("later", next());
        assertEquals("after later", next());
        assertEquals("next", next());
    }

    @Test
    void defaultHandleInfoLogsAndDropsTheMessage() {
        Pid pid = GenServer.start(arg -> ok(0), null);
        Process.send(pid, "stray");
        ProcessTestSupport.eventually(() -> ProcessTestSupport.LOG.stream().anyMatch(l -> l.contains("stray")));
        assertTrue(Process.isAlive(pid));
    }

    @Test
    void timersDeliverToHandleInfo() {
        Pid pid = GenServer.start(new Forwarder(Process.self()), null);
        Timers.sendAfter(pid, "tick", 5);
        assertEquals("tick", next());
    }
}
