import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
    @DisplayName("eight clients released together for the last slots: exactly the limit is allowed, over many rounds")
    void exactlyTheLimitUnderContention() throws InterruptedException {
        int limit = 10;
        for (int round = 0; round < 20; round++) {
            Pid limiter = RateLimiter.startLink(limit, LONG_WINDOW_MS);
            AtomicInteger allowed = new AtomicInteger();
            List<String> failures = new CopyOnWriteArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                        for (int i = 0; i < 3; i++) {
                            if (RateLimiter.allow(limiter, "shared")) {
                                allowed.incrementAndGet();
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e.toString());
                    }
                }));
            }
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(List.of(), failures, "what the clients of round " + round + " threw");
            assertEquals(limit, allowed.get(), "requests allowed in round " + round + " (24 asked, limit " + limit + ")");
            GenServer.stop(limiter);
        }
    }

    @Test
    @Tag("task:1")
    @DisplayName("two limiters keep their own counts, even for a client of the same name")
    void limitersAreSeparate() {
        Pid first = RateLimiter.startLink(1, LONG_WINDOW_MS);
        Pid second = RateLimiter.startLink(1, LONG_WINDOW_MS);
        assertTrue(RateLimiter.allow(first, "ada"));
        assertTrue(RateLimiter.allow(second, "ada"), "a request to one limiter used up the other's slot");
        GenServer.stop(first);
        GenServer.stop(second);
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
        long deadline = System.nanoTime() + 4_000_000_000L;
        for (int round = 0; round < 3; round++) {
            boolean allowed = false;
            while (!allowed && System.nanoTime() < deadline) {
                allowed = RateLimiter.allow(limiter, "ada");
            }
            assertTrue(allowed, "round " + round + " never allowed");
        }
        GenServer.stop(limiter);
    }
}
