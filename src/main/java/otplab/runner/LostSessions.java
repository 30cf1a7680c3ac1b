package otplab.runner;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Why recent sessions lost their worker, in one sentence each; bounded, oldest forgotten first. */
final class LostSessions {
    /** Enough for every page open on a server at once; older ones fall back to {@link #UNKNOWN}. */
    static final int REMEMBERED = 4096;
    static final String EVICTED = "every worker was in use, so the server gave this page's worker to another page";
    static final String CRASHED = "its worker ended unexpectedly (it may have run out of memory, threads or CPU time)";
    /** Also what a page hears when it comes back through a load balancer to another instance than the one that died. */
    static final String UNKNOWN = "the server it ran on was restarted or has gone away, or no longer knows this page";

    private final Map<String, String> reasons = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    static String idle(Duration idleLimit) {
        long minutes = idleLimit.toMinutes();
        return "it was idle for more than " + (minutes >= 1 ? minutes + " min" : idleLimit.toSeconds() + " s")
                + ", so the server ended its worker";
    }

    synchronized void record(String session, String reason) {
        reasons.put(session, reason);
    }

    synchronized void forget(String session) {
        reasons.remove(session);
    }

    synchronized String reason(String session) {
        return reasons.getOrDefault(session, UNKNOWN);
    }
}
