package otp;

import java.util.ArrayDeque;

/**
 * OTP's restart intensity as a sliding window: at most {@code intensity} restarts within any
 * {@code periodSeconds}; one more means the supervisor gives up.
 */
final class RestartIntensity {
    private final int intensity;
    private final long periodNanos;
    private final ArrayDeque<Long> restarts = new ArrayDeque<>();

    RestartIntensity(int intensity, int periodSeconds) {
        this.intensity = intensity;
        this.periodNanos = periodSeconds * 1_000_000_000L;
    }

    /** Records a restart now; false when that exceeds the allowed intensity. */
    boolean allowRestart() {
        long now = System.nanoTime();
        restarts.addLast(now);
        while (!restarts.isEmpty() && now - restarts.peekFirst() > periodNanos) {
            restarts.removeFirst();
        }
        return restarts.size() <= intensity;
    }
}
