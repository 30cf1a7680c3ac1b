package otplab.jvm;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Gathers one run's stdout and stderr up to the output limit, decoding UTF-8 leniently (invalid
 * bytes become U+FFFD) and forwarding each piece to a listener as it arrives.
 *
 * <p>It is also the server's own count of everything a worker sends for the run (streamed output,
 * raw fd 1/2, then the answer's values, diagnostics and error through {@link #charge}). The
 * worker keeps all of that within the limit; a worker that sends more than {@link #FLOOD_SLACK}
 * past it is not keeping its side (its learner code got around the harness), and
 * {@link #flooded()} tells whoever waits for the run to stop it.
 */
public final class OutputCollector {
    static final String CUT_NOTICE = "\n[output cut: this run printed more than %d KiB; the rest was dropped]\n";
    /** Room past the limit for what an honest worker may add: the byte that shows the cut, cut marks, stray raw writes. */
    public static final int FLOOD_SLACK = 64 * 1024;

    private final int limit;
    private final OutputListener listener;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private final CharsetDecoder outDecoder = decoder();
    private final CharsetDecoder errDecoder = decoder();
    private long bytes;
    private long received;
    private boolean truncated;
    private final CompletableFuture<Void> flooded = new CompletableFuture<>();

    public OutputCollector(int limit, OutputListener listener) {
        this.limit = limit;
        this.listener = listener;
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    synchronized void add(String stream, byte[] data) {
        count(data.length);
        if (truncated || data.length == 0) {
            return;
        }
        int room = (int) Math.min(data.length, limit - bytes);
        bytes += room;
        boolean isErr = stream.equals("err");
        String text = decode(isErr ? errDecoder : outDecoder, data, room);
        (isErr ? err : out).append(text);
        if (!text.isEmpty()) {
            listener.output(isErr ? "err" : "out", text);
        }
        if (room < data.length) {
            truncated = true;
            String notice = CUT_NOTICE.formatted(limit / 1024);
            err.append(notice);
            listener.output("err", notice);
        }
    }

    private static String decode(CharsetDecoder decoder, byte[] data, int length) {
        CharBuffer chars = CharBuffer.allocate(length + 1);
        decoder.decode(ByteBuffer.wrap(data, 0, length), chars, false);
        chars.flip();
        return chars.toString();
    }

    private void count(long more) {
        received += more;
        if (received > (long) limit + FLOOD_SLACK) {
            flooded.complete(null);
        }
    }

    /**
     * Counts the bytes of the run's answer (values, diagnostic messages, error) against the same
     * limit as its printed output. False when the run has now sent more than the limit allows.
     */
    public synchronized boolean charge(long answerBytes) {
        count(answerBytes);
        return !flooded.isDone();
    }

    /** Completes once the worker has sent more than the limit and its slack for this run. */
    public CompletableFuture<Void> flooded() {
        return flooded;
    }

    /** The limit in KiB, as learners read it. */
    public int limitKib() {
        return limit / 1024;
    }

    public synchronized String stdout() {
        return out.toString();
    }

    public synchronized String stderr() {
        return err.toString();
    }

    public synchronized boolean truncated() {
        return truncated;
    }
}
