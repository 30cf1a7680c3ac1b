package otplab.worker.grading;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces System.out and System.err with one stream whose target switches from test to
 * test, so each test's output (including what the processes it started print meanwhile)
 * lands with that test. Each target keeps at most {@link #MAX_BYTES}; the results document
 * cuts further.
 */
final class OutputCapture {
    static final int MAX_BYTES = 8 * 1024;

    private final Object lock = new Object();
    private ByteArrayOutputStream current = new ByteArrayOutputStream();
    private boolean truncated;

    void install() {
        PrintStream stream = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (lock) {
                    int room = MAX_BYTES - current.size();
                    if (length > room) {
                        truncated = true;
                    }
                    current.write(bytes, offset, Math.max(0, Math.min(room, length)));
                }
            }
        }, true, StandardCharsets.UTF_8);
        System.setOut(stream);
        System.setErr(stream);
    }

    /** Starts a fresh target and returns what the previous one collected. */
    String switchTarget() {
        synchronized (lock) {
            String text = current.toString(StandardCharsets.UTF_8);
            if (truncated) {
                text += "\n[more output was cut]";
            }
            current = new ByteArrayOutputStream();
            truncated = false;
            return text;
        }
    }
}
