import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.GenServer;
import otp.Pid;

class RateLimiterTest {
    static final long LONG_WINDOW_MS = 60_000;

    @Test
    @Tag("task:1")
    @DisplayName("three requests pass under a limit of three, the fourth is refused")
    void refusesAfterTheLimit() {
        Pid limiter = RateLimiter.startLink(3, LONG_WINDOW_MS);
        assertTrue(RateLimiter.allow(limiter, "ada"));
        assertTrue(RateLimiter.allow(limiter, "ada"));
        assertTrue(RateLimiter.allow(limiter, "ada"));
        assertFalse(RateLimiter.allow(limiter, "ada"));
        GenServer.stop(limiter);
    }

    @Test
    @Tag("task:2")
    @DisplayName("each client has its own count")
    void clientsAreCountedApart() {
        Pid limiter = RateLimiter.startLink(1, LONG_WINDOW_MS);
        assertTrue(RateLimiter.allow(limiter, "ada"));
        assertTrue(RateLimiter.allow(limiter, "bob"));
        assertFalse(RateLimiter.allow(limiter, "ada"));
        GenServer.stop(limiter);
    }

    @Test
    @Tag("task:2")
    @DisplayName("remaining counts down from the limit")
    void remainingCountsDown() {
        Pid limiter = RateLimiter.startLink(2, LONG_WINDOW_MS);
        assertEquals(2, RateLimiter.remaining(limiter, "ada"));
        RateLimiter.allow(limiter, "ada");
        assertEquals(1, RateLimiter.remaining(limiter, "ada"));
        GenServer.stop(limiter);
    }

    @Test
    @Tag("task:3")
    @DisplayName("a refused client is allowed again once the window has passed")
    void windowResets() {
        Pid limiter = RateLimiter.startLink(1, 30);
        assertTrue(RateLimiter.allow(limiter, "ada"));
        long deadline = System.nanoTime() + 4_000_000_000L;
        boolean allowedAgain = false;
        while (!allowedAgain && System.nanoTime() < deadline) {
            allowedAgain = RateLimiter.remaining(limiter, "ada") == 1 && RateLimiter.allow(limiter, "ada");
        }
        assertTrue(allowedAgain, "still refused 4 s after a 30 ms window");
        GenServer.stop(limiter);
    }
}
