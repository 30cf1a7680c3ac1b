package otp;

import static org.junit.jupiter.api.Assertions.*;
import static otp.GenServer.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class GenServerCastTest {

    /** Keeps a log of what it was told, by call ("call:x") and by cast ("cast:x"). */
    static final class Journal implements GenServer<Void, List<String>> {
        @Override public Init<List<String>> init(Void arg) { return ok(new ArrayList<>()); }

        @Override public CallResult<List<String>> handleCall(Object request, From from, List<String> log) {
            if (request.equals("log")) {
                return reply(List.copyOf(log), log);
            }
            log.add("call:" + request);
            return reply("ok", log);
        }

        @Override public CastResult<List<String>> handleCast(Object msg, List<String> log) {
            if (msg.equals("stop")) {
                return stop(Reason.shutdown("asked"), log);
            }
            log.add("cast:" + msg);
            return noreply(log);
        }
    }

    @Test
    void castReturnsAtOnceAndIsHandledByHandleCast() {
        Pid pid = GenServer.start(new Journal(), null);
        GenServer.cast(pid, "a");
        assertEquals(List.of("cast:a"), GenServer.call(pid, "log"));
    }

    @Test
    void castIsProcessedAfterEarlierCallsFromSameSender() {
        Pid pid = GenServer.start(new Journal(), null);
        GenServer.call(pid, "1");
        GenServer.cast(pid, "2");
        GenServer.call(pid, "3");
        GenServer.cast(pid, "4");
        assertEquals(List.of("call:1", "cast:2", "call:3", "cast:4"), GenServer.call(pid, "log"));
    }

    @Test
    void castToAMissingServerIsIgnored() {
        assertDoesNotThrow(() -> GenServer.cast("no_such_server", "hello"));
    }

    @Test
    void castCanStopTheServer() {
        Pid pid = GenServer.start(new Journal(), null);
        Ref ref = Process.monitor(pid);
        GenServer.cast(pid, "stop");
        assertEquals(Reason.shutdown("asked"), ProcessTestSupport.next(Down.class).reason());
    }

    @Test
    void defaultHandleCastCrashesTheServer() {
        Pid pid = GenServer.start(arg -> ok(0), null);
        Ref ref = Process.monitor(pid);
        GenServer.cast(pid, "anything");
        assertInstanceOf(Reason.ExceptionReason.class, ProcessTestSupport.next(Down.class).reason());
    }
}
