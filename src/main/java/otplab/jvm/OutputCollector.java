package otplab.jvm;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Gathers one run's stdout and stderr up to the output limit, decoding UTF-8 leniently (invalid
 * bytes become U+FFFD) and forwarding each piece to a listener as it arrives.
 */
public final class OutputCollector {
    static final String CUT_NOTICE = "\n[output cut: this run printed more than %d KiB; the rest was dropped]\n";

    private final int limit;
    private final OutputListener listener;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private final CharsetDecoder outDecoder = decoder();
    private final CharsetDecoder errDecoder = decoder();
    private long bytes;
    private boolean truncated;

    public OutputCollector(int limit, OutputListener listener) {
        this.limit = limit;
        this.listener = listener;
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    synchronized void add(String stream, byte[] data) {
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
