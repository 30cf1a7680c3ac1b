import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.GenServer;
import otp.Pid;

class RateLimiterHiddenTest {
    static final long LONG_WINDOW_MS = 60_000;

    @Test
    @Tag("task:1")
    @DisplayName("under contention exactly the limit is allowed")
    void exactlyTheLimitUnderContention() throws InterruptedException {
        Pid limiter = RateLimiter.startLink(10, LONG_WINDOW_MS);
        AtomicInteger allowed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 10; i++) {
                    if (RateLimiter.allow(limiter, "shared")) {
                        allowed.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(10, allowed.get());
        GenServer.stop(limiter);
    }

    @Test
    @Tag("task:2")
    @DisplayName("refused requests are not counted: remaining stays at zero")
    void refusedRequestsAreNotCounted() {
        Pid limiter = RateLimiter.startLink(1, LONG_WINDOW_MS);
        RateLimiter.allow(limiter, "ada");
        RateLimiter.allow(limiter, "ada");
        RateLimiter.allow(limiter, "ada");
        assertEquals(0, RateLimiter.remaining(limiter, "ada"));
        assertEquals(1, RateLimiter.remaining(limiter, "someone else"));
        GenServer.stop(limiter);
    }

    @Test
    @Tag("task:3")
    @DisplayName("the window keeps resetting, not only once")
    void windowKeepsResetting() {
        Pid limiter = RateLimiter.startLink(1, 20);
        for (int round = 0; round < 3; round++) {
            long deadline = System.nanoTime() + 2_000_000_000L;
            boolean allowed = false;
            while (!allowed && System.nanoTime() < deadline) {
                allowed = RateLimiter.allow(limiter, "ada");
            }
            assertTrue(allowed, "round " + round + " never allowed");
        }
        GenServer.stop(limiter);
    }

    @Test
    @Tag("task:3")
    @DisplayName("an unexpected message does not disturb the limiter")
    void unexpectedMessageIsIgnored() {
        Pid limiter = RateLimiter.startLink(2, LONG_WINDOW_MS);
        RateLimiter.allow(limiter, "ada");
        otp.Process.send(limiter, "hello there");
        assertEquals(1, RateLimiter.remaining(limiter, "ada"));
        GenServer.stop(limiter);
    }
}
