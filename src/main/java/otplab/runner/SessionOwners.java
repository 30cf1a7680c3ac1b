package otplab.runner;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which browser owns which run session: the first request that names a session id claims it for
 * the owner cookie it carries, and from then on only that cookie may run, complete, stop, reset or
 * listen on it. A session id travels in page scripts and URLs; the HttpOnly cookie does not, so a
 * stranger who learns the id still gets a refusal instead of the learner's worker and output.
 */
final class SessionOwners {
    static final String REFUSAL = "this session belongs to another browser: open the lesson page again to get a session of your own";

    private record Claim(String owner, long lastUsed) {}

    private final Map<String, Claim> claims = new ConcurrentHashMap<>();
    private final long forgetAfterNanos;
    private volatile long lastSweep = System.nanoTime();

    /** Claims unused for {@code forgetAfter} are dropped; the session they guarded has expired by then. */
    SessionOwners(Duration forgetAfter) {
        this.forgetAfterNanos = Objects.requireNonNull(forgetAfter, "forgetAfter must not be null").toNanos();
    }

    /**
     * Claims {@code session} for {@code owner}, or confirms that it is theirs.
     *
     * @throws SessionRefusedException when another owner holds it, or {@code owner} is null (no cookie)
     */
    void claim(String session, String owner) {
        Objects.requireNonNull(session, "session must not be null");
        if (owner == null) {
            throw new SessionRefusedException("this page has no session cookie: reload the page so the server can recognise this browser");
        }
        long now = System.nanoTime();
        sweep(now);
        Claim claim = claims.compute(session, (id, held) -> held == null || held.owner.equals(owner) ? new Claim(owner, now) : held);
        if (!claim.owner.equals(owner)) {
            throw new SessionRefusedException(REFUSAL);
        }
    }

    private void sweep(long now) {
        if (now - lastSweep < forgetAfterNanos) {
            return;
        }
        lastSweep = now;
        claims.values().removeIf(claim -> now - claim.lastUsed > forgetAfterNanos);
    }

    /** A request that names a session it does not own. */
    static final class SessionRefusedException extends RuntimeException {
        SessionRefusedException(String message) {
            super(message, null, false, false);
        }
    }
}
