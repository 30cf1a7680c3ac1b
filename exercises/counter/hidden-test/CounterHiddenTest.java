import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.From;
import otp.GenServer;
import otp.Pid;
import otp.Process;

class CounterHiddenTest {
    @Test
    @Tag("task:1")
    @DisplayName("each counter is its own process with its own state")
    void countersAreIndependent() {
        Pid a = Counter.startLink(1);
        Pid b = Counter.startLink(100);
        assertNotEquals(a, b);
        assertTrue(Process.isAlive(a) && Process.isAlive(b));
        Counter.increment(a);
        assertEquals(2, Counter.value(a));
        assertEquals(100, Counter.value(b));
        GenServer.stop(a);
        GenServer.stop(b);
    }

    @Test
    @Tag("task:2")
    @DisplayName("add accepts negative amounts")
    void addAcceptsNegativeAmounts() {
        Pid counter = Counter.startLink(10);
        assertEquals(7, Counter.add(counter, -3));
        assertEquals(-3, Counter.add(counter, -10));
        GenServer.stop(counter);
    }

    @Test
    @Tag("task:2")
    @DisplayName("increments from eight processes released together all count, over many rounds")
    void concurrentIncrementsAllCount() throws InterruptedException {
        int clients = 8;
        int perClient = 50;
        List<String> failures = new CopyOnWriteArrayList<>();
        for (int round = 0; round < 20; round++) {
            Pid counter = Counter.startLink(0);
            CountDownLatch go = new CountDownLatch(1);
            Thread[] threads = new Thread[clients];
            for (int t = 0; t < clients; t++) {
                threads[t] = Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                        for (int i = 0; i < perClient; i++) {
                            Counter.increment(counter);
                        }
                    } catch (Throwable e) {
                        failures.add(e.toString());
                    }
                });
            }
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(List.of(), failures, "what the clients of round " + round + " threw");
            assertEquals(clients * perClient, Counter.value(counter), "the count after round " + round);
            GenServer.stop(counter);
        }
    }

    @Test
    @Tag("task:3")
    @DisplayName("reset sends a cast: the server is not asked for an answer")
    void resetSendsACast() {
        Pid recorder = GenServer.startLink(new Recorder(), null);
        Counter.reset(recorder);
        assertEquals(List.of("cast"), GenServer.call(recorder, Recorder.SEEN), "what reset sent to the server");
        GenServer.stop(recorder);
    }

    @Test
    @Tag("task:3")
    @DisplayName("a reset between calls is seen by the calls after it")
    void resetIsACast() {
        Pid counter = Counter.startLink(0, "hidden_counter");
        Counter.increment("hidden_counter");
        Counter.reset(counter);
        Counter.increment("hidden_counter");
        assertEquals(1, Counter.value("hidden_counter"));
        GenServer.stop(counter);
    }

    /** A stand-in server that notes whether each message came as a call or a cast; calls are answered with 0. */
    static final class Recorder implements GenServer<Void, List<String>> {
        static final String SEEN = "recorder: what did you see?";

        @Override
        public Init<List<String>> init(Void arg) {
            return GenServer.ok(new ArrayList<>());
        }

        @Override
        public CallResult<List<String>> handleCall(Object request, From from, List<String> seen) {
            if (SEEN.equals(request)) {
                return GenServer.reply(List.copyOf(seen), seen);
            }
            seen.add("call");
            return GenServer.reply(0, seen);
        }

        @Override
        public CastResult<List<String>> handleCast(Object message, List<String> seen) {
            seen.add("cast");
            return GenServer.noreply(seen);
        }
    }
}
